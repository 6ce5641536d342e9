/**
 * The secrets the webhook commands (listen, tail, replay, send, capture redact) know of, so
 * that nothing they print or write can carry one: the config's API keys (and the Basic header
 * built from e-mail and key), bot tokens and BILLmanager secrets when there is a config, and
 * the variables those usually live in when there is none. Every value is registered with the
 * redaction registry; replay also gets them back to restore what a capture masked.
 */
import type { Context } from '../context.js';
import { registerBasicAuth, registerSecret } from '../core/io/secrets.js';
import { BILLMANAGER_SECRET_VAR } from '../integrations/billmanager/webhook.js';
import { HDE_BOT_TOKEN_VAR } from '../integrations/helpdeskeddy-bot/bot-token.js';

export interface PathToken {
  /** Where the value came from, for messages: `integration "hde"`, `HDE_BOT_TOKEN`. */
  source: string;
  value: string;
  /** The path of the configured webhook URL, the token in it replaced by `***`. */
  maskedPath?: string;
}

export interface KnownSecrets {
  /** Bot tokens that webhook URLs carry as a path segment. */
  pathTokens: PathToken[];
  /** Values of query parameters, by parameter name (`secret_key` → the BILLmanager secret). */
  queryValues: Map<string, { source: string; value: string }>;
}

const UNRESOLVED = /\$\{[A-Za-z_][A-Za-z0-9_]*\}/;
const usable = (value: string | undefined): value is string => typeof value === 'string' && value !== '' && !UNRESOLVED.test(value);

function maskedPathOf(webhookUrl: string, token: string): string | undefined {
  try {
    const path = new URL(webhookUrl).pathname;
    for (const form of [token, encodeURIComponent(token)]) if (path.includes(form)) return path.split(form).join('***');
  } catch {
    // Not a URL (yet): no path to match.
  }
  return undefined;
}

/** Environment variables that hold these secrets when no config names them. */
const ENV_CREDENTIALS: Array<[string, string]> = [
  ['OMNIBOT_OMNIDESK_EMAIL', 'OMNIBOT_OMNIDESK_API_KEY'],
  ['OMNIBOT_HDE_EMAIL', 'OMNIBOT_HDE_API_KEY'],
];

/**
 * Loads the config if there is one (a missing or broken one is not an error here: the
 * commands work outside a project, and still mask every credential by its place and shape).
 */
export async function loadKnownSecrets(ctx: Context): Promise<KnownSecrets> {
  const known: KnownSecrets = { pathTokens: [], queryValues: new Map() };
  let env: Record<string, string | undefined> = ctx.env;
  try {
    const loaded = await ctx.loadConfig({ required: false, allowUnsetVars: true });
    env = { ...loaded.env };
    const config = loaded.config;
    for (const conn of [config?.omnidesk, config?.helpdeskeddy]) {
      if (conn && usable(conn.apiKey)) registerBasicAuth(conn.email, conn.apiKey);
    }
    for (const it of config?.integrations ?? []) {
      if (it.recipe === 'helpdeskeddy-bot' && usable(it.token)) {
        registerSecret(it.token);
        known.pathTokens.push({ source: `integration "${it.name}"`, value: it.token, maskedPath: maskedPathOf(it.webhookUrl, it.token) });
      }
      if (it.recipe === 'billmanager' && usable(it.secret)) {
        registerSecret(it.secret);
        known.queryValues.set('secret_key', { source: `integration "${it.name}"`, value: it.secret });
      }
    }
  } catch (err) {
    ctx.io.warn(`the config could not be read (${(err as Error).message.split('\n')[0]}); only credentials recognised by their place and shape are masked.`);
  }
  for (const [emailVar, keyVar] of ENV_CREDENTIALS) {
    const key = env[keyVar];
    if (!usable(key)) continue;
    const email = env[emailVar];
    if (email) registerBasicAuth(email, key);
    else registerSecret(key);
  }
  const token = env[HDE_BOT_TOKEN_VAR];
  if (usable(token) && !known.pathTokens.some((t) => t.value === token)) {
    registerSecret(token);
    known.pathTokens.push({ source: HDE_BOT_TOKEN_VAR, value: token });
  }
  const secret = env[BILLMANAGER_SECRET_VAR];
  if (usable(secret)) {
    registerSecret(secret);
    if (!known.queryValues.has('secret_key')) known.queryValues.set('secret_key', { source: BILLMANAGER_SECRET_VAR, value: secret });
  }
  return known;
}
