/**
 * The secrets a recipe's config reads that init makes itself: the HelpDeskEddy bot token and the
 * BILLmanager secret_key. They are made by the very code of `omnibot token generate` and
 * `omnibot billmanager secret generate`, run once the config is written (those commands find the
 * variable and the .env through the config), so the token format, the 0600 .env and the
 * fingerprint in .omnibot/state.json are theirs. Never printed: both register the value as a
 * secret before anything is said.
 */
import { join } from 'node:path';
import { readEnvFile } from '../../config/env-file.js';
import type { Context } from '../../context.js';
import { registerSecret } from '../../io/secrets.js';
import type { GeneratedSecret } from './recipes/types.js';

export interface SecretOutcome {
  envVar: string;
  /** `generated`: written to .env now; `kept`: already set, left alone. */
  action: 'generated' | 'kept';
  where: string;
  fingerprint?: string;
}

/** Where the variable is already set, if anywhere: a token that exists is never replaced by init. */
export async function existingSecret(secret: GeneratedSecret, ctx: Context, dir: string): Promise<string | undefined> {
  const fromEnv = ctx.env[secret.envVar];
  if (fromEnv) {
    registerSecret(fromEnv);
    return 'the environment';
  }
  const envFile = join(dir, '.env');
  const fromFile = (await readEnvFile(envFile))[secret.envVar];
  if (!fromFile) return undefined;
  registerSecret(fromFile);
  return envFile;
}

export async function makeSecret(secret: GeneratedSecret, name: string, configFile: string, ctx: Context, dir: string): Promise<SecretOutcome> {
  const where = await existingSecret(secret, ctx, dir);
  if (where) return { envVar: secret.envVar, action: 'kept', where };
  // The generators find their target through the config: point them at the file just written.
  const at: Context = { ...ctx, flags: { ...ctx.flags, config: configFile } };
  const options = { name, envVar: secret.envVar };
  const result =
    secret.kind === 'hde-token'
      ? await (await import('../token/run.js')).runToken('generate', options, at)
      : await (await import('../billmanager/secret-run.js')).runSecret('generate', options, at);
  for (const w of result.warnings) ctx.io.warn(w);
  return { envVar: result.envVar, action: 'generated', where: result.envFile, fingerprint: result.fingerprint };
}
