/**
 * The integrations that hold a secret omnibot makes, and what differs between them: the config
 * field that reads it, the variable `init` and the docs use, and the manual steps whose pasted
 * values contain it (so rotating names them). Everything else — 32 random bytes, .env 0600,
 * fingerprint-only state — is the same mechanism, in ./run.ts.
 */
import { BILLMANAGER_SECRET_VAR } from '../../integrations/billmanager/webhook.js';
import { HDE_BOT_TOKEN_VAR } from '../../integrations/helpdeskeddy-bot/bot-token.js';

export interface SecretRecipe {
  recipe: 'helpdeskeddy-bot' | 'billmanager';
  /** The config field that reads the value as `${VAR}`; also the word messages use for it. */
  field: 'token' | 'secret';
  /** For "Generated the bot token of …". */
  title: string;
  envVar: string;
  /** The integration name when the config has none yet (what `init` would call it). */
  defaultName: string;
  /** Another config field that must carry the same `${VAR}`. */
  alsoIn?: string;
  /** The steps to redo after a rotation, as `omnibot steps` ids, and why each holds the value. */
  redo: Array<{ resource: string; why: string }>;
  /** The same, in one clause, for the hint of a refused `generate`. */
  redoHint: string;
  /** Said once after the steps to redo. */
  afterRotate?: string;
}

export const SECRET_RECIPES: readonly SecretRecipe[] = [
  {
    recipe: 'helpdeskeddy-bot',
    field: 'token',
    title: 'bot token',
    envVar: HDE_BOT_TOKEN_VAR,
    defaultName: 'hde',
    alsoIn: 'webhookUrl',
    redo: [{ resource: 'dispatcher-rule', why: "the dispatcher rule's webhook URL contains the token; paste the new URL there" }],
    redoHint: 'redo the dispatcher step, whose URL contains the token',
    afterRotate: 'Restart the bot with the new token too, or it will refuse the new URL.',
  },
  {
    recipe: 'billmanager',
    field: 'secret',
    title: 'BILLmanager secret',
    envVar: BILLMANAGER_SECRET_VAR,
    defaultName: 'billmanager',
    redo: [
      { resource: 'custom-channel', why: 'the channel’s Webhook URL ends with it' },
      { resource: 'bm-params', why: 'BILLmanager’s secret_key must equal it' },
    ],
    redoHint: "redo the channel's Webhook URL and BILLmanager's secret_key",
  },
];

export type SecretRecipeName = SecretRecipe['recipe'];

export function secretRecipe(name: SecretRecipeName): SecretRecipe {
  return SECRET_RECIPES.find((r) => r.recipe === name)!;
}
