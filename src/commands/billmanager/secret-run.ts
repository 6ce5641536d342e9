/**
 * `billmanager secret generate|rotate`: the secret_key BILLmanager and the channel's Webhook
 * URL share, made like every omnibot token (`token generate`'s 32 random bytes, base64url, safe
 * in a query string), written to `.env` under the variable the config's `"secret"` reads, with
 * only its fingerprint in the state file. Rotating names the two steps whose values hold it.
 */
import { dirname, join } from 'node:path';
import type { Context } from '../../context.js';
import { readEnvFile, upsertEnvFile } from '../../config/env-file.js';
import { updateState } from '../../config/state.js';
import { ConfigError, UsageError } from '../../errors.js';
import { fingerprint, registerSecret } from '../../io/secrets.js';
import { newToken } from '../token/run.js';
import { readRawConfig } from '../token/target.js';

export const BILLMANAGER_SECRET_VAR = 'BILLMANAGER_SECRET';
const VAR_REF = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$/;

export interface SecretOptions {
  name?: string;
  envVar?: string;
  print?: boolean;
}

export interface SecretResult {
  action: 'generated' | 'rotated';
  integration: string;
  envVar: string;
  envFile: string;
  fingerprint: string;
  previousFingerprint?: string;
  at: string;
  /** Only with --print. */
  secret?: string;
  /** rotate: the steps whose values hold the secret, as `omnibot steps` numbers them. */
  redo?: Array<{ resource: string; step?: number }>;
  command: string;
  warnings: string[];
}

interface Target {
  integration: string;
  envVar: string;
  dir: string;
  configFile?: string;
  referenced: boolean;
}

async function findTarget(ctx: Context, options: SecretOptions): Promise<Target> {
  const found = await readRawConfig(ctx);
  const dir = found ? dirname(found.file) : ctx.cwd;
  const list = Array.isArray(found?.raw.integrations) ? (found!.raw.integrations as Array<Record<string, unknown>>) : [];
  const bm = list.map((it, index) => ({ it, index })).filter(({ it }) => it && it.recipe === 'billmanager');
  const known = bm.map(({ it }) => String(it.name)).join(', ') || 'none';
  const chosen = options.name ? bm.find(({ it }) => it.name === options.name) : bm.length === 1 ? bm[0] : undefined;
  if (!chosen && (options.name || bm.length > 1)) {
    const why = options.name ? `no billmanager integration named "${options.name}"` : 'the config has several billmanager integrations';
    throw new UsageError(`--name: ${why} (known: ${known})`, { details: { flag: '--name' } });
  }
  if (!chosen) return { integration: options.name ?? 'billmanager', envVar: options.envVar ?? BILLMANAGER_SECRET_VAR, dir, configFile: found?.file, referenced: false };
  const raw = chosen.it.secret;
  if (typeof raw === 'string' && raw !== '' && !raw.includes('${')) {
    throw new ConfigError(`${found!.file}: integrations[${chosen.index}].secret holds a literal secret`, {
      code: 'config_literal_secret',
      hint: `Write "secret": "\${${options.envVar ?? BILLMANAGER_SECRET_VAR}}" so the secret lives in .env, then run this again.`,
    });
  }
  const m = typeof raw === 'string' ? VAR_REF.exec(raw.trim()) : null;
  if (m && options.envVar && options.envVar !== m[1]) {
    throw new UsageError(`--env-var: the config reads the secret of "${String(chosen.it.name)}" from \${${m[1]}}, not ${options.envVar}`, { details: { flag: '--env-var' } });
  }
  return { integration: String(chosen.it.name), envVar: m?.[1] ?? options.envVar ?? BILLMANAGER_SECRET_VAR, dir, configFile: found!.file, referenced: Boolean(m) };
}

/** Step numbers of the channel and the module parameters, once the new secret resolves. */
async function redoSteps(target: Target, ctx: Context): Promise<Array<{ resource: string; step?: number }>> {
  const redo: Array<{ resource: string; step?: number }> = [{ resource: 'custom-channel' }, { resource: 'bm-params' }];
  try {
    const loaded = await ctx.loadConfig({ required: false });
    const integration = loaded.config?.integrations.find((it) => it.name === target.integration);
    if (!loaded.config || !integration) return redo;
    const [{ loadRecipe }, { describeResources }] = await Promise.all([import('../../recipes/registry.js'), import('../../steps/collect.js')]);
    const steps = describeResources(await loadRecipe(integration.recipe), integration, loaded.config, 'en');
    return redo.map((r) => ({ ...r, step: steps.find((s) => s.id === r.resource)?.number }));
  } catch {
    return redo;
  }
}

export async function runSecret(mode: 'generate' | 'rotate', options: SecretOptions, ctx: Context): Promise<SecretResult> {
  const target = await findTarget(ctx, options);
  const envFile = join(target.dir, '.env');
  const fromEnv = ctx.env[target.envVar];
  const fromFile = (await readEnvFile(envFile))[target.envVar];
  const existing = fromEnv || fromFile;
  const other = mode === 'generate' ? 'rotate' : 'generate';
  if (mode === 'generate' && existing) {
    throw new UsageError(`${target.envVar} already holds a secret (in ${fromEnv ? 'the environment' : envFile}); generate never replaces one`, {
      hint: `To replace it, run \`omnibot billmanager secret rotate --name ${target.integration}\`, then redo the channel's Webhook URL and BILLmanager's secret_key.`,
    });
  }
  if (mode === 'rotate' && !existing) {
    throw new UsageError(`${target.envVar} holds no secret yet; nothing to rotate`, { hint: `Run \`omnibot billmanager secret ${other} --name ${target.integration}\` first.` });
  }
  if (existing) registerSecret(existing);
  const secret = newToken();
  if (!options.print) registerSecret(secret);
  const at = ctx.now().toISOString();
  await upsertEnvFile(envFile, { [target.envVar]: secret });
  const print = fingerprint(secret);
  const previousFingerprint = existing ? fingerprint(existing) : undefined;
  await updateState(join(target.dir, '.omnibot', 'state.json'), (state) => {
    const prev = state.tokens[target.integration];
    const previous = [...(prev?.previous ?? []), ...(previousFingerprint ? [{ fingerprint: previousFingerprint, retiredAt: at }] : [])];
    state.tokens[target.integration] = { fingerprint: print, createdAt: at, ...(mode === 'rotate' ? { rotatedAt: at } : {}), ...(previous.length ? { previous } : {}) };
  });
  const warnings: string[] = [];
  if (!target.configFile) warnings.push(`No omnibot config found; the secret went to ${envFile}. Point a billmanager integration at it with "secret": "\${${target.envVar}}".`);
  else if (!target.referenced) warnings.push(`The config does not read the secret yet: set "secret": "\${${target.envVar}}" for "${target.integration}".`);
  if (fromEnv) warnings.push(`${target.envVar} is also set in the environment, which wins over .env: update it there too (e.g. the CI secret).`);
  return {
    action: mode === 'generate' ? 'generated' : 'rotated',
    integration: target.integration,
    envVar: target.envVar,
    envFile,
    fingerprint: print,
    ...(previousFingerprint ? { previousFingerprint } : {}),
    at,
    ...(options.print ? { secret } : {}),
    ...(mode === 'rotate' ? { redo: await redoSteps(target, ctx) } : {}),
    command: `omnibot steps --integration ${target.integration}`,
    warnings,
  };
}
