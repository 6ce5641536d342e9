/**
 * The secrets a recipe's config reads that init makes itself: the HelpDeskEddy bot token and the
 * BILLmanager secret_key. They are made by the very code of `omnibot token generate`, run once
 * the config is written (it finds the integration, the variable and the .env through the
 * config), so the token format, the 0600 .env and the fingerprint in .omnibot/state.json are
 * its. Never printed: the value is registered as a secret before anything is said.
 */
import { join } from 'node:path';
import type { Context } from '../../kit/context.js';
import { registerSecret } from '../../core/io/secrets.js';
import { existingToken, runToken } from '../token/run.js';
import type { GeneratedSecret } from '../../kit/integration.js';

export interface SecretOutcome {
  envVar: string;
  /** `generated`: written to .env now; `kept`: already set, left alone. */
  action: 'generated' | 'kept';
  where: string;
  fingerprint?: string;
}

/** The command that makes the secret later, when init does not. */
export const generateCommand = (name: string): string => `omnibot token generate --name ${name}`;

/** Where the variable is already set, if anywhere: a token that exists is never replaced by init. */
export async function existingSecret(secret: GeneratedSecret, ctx: Context, dir: string): Promise<string | undefined> {
  const found = await existingToken(secret.envVar, join(dir, '.env'), ctx);
  if (found) registerSecret(found.value);
  return found?.where;
}

export async function makeSecret(
  secret: GeneratedSecret,
  name: string,
  configFile: string,
  ctx: Context,
  dir: string,
): Promise<SecretOutcome> {
  const where = await existingSecret(secret, ctx, dir);
  if (where) return { envVar: secret.envVar, action: 'kept', where };
  // The generator finds its target through the config: point it at the file just written.
  const at: Context = { ...ctx, flags: { ...ctx.flags, config: configFile } };
  const result = await runToken('generate', { name, envVar: secret.envVar }, at);
  for (const w of result.warnings) ctx.io.warn(w);
  return { envVar: result.envVar, action: 'generated', where: result.envFile, fingerprint: result.fingerprint };
}
