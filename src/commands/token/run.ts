/**
 * `token generate` and `token rotate`: 32 random bytes, base64url (43 characters), written to
 * `.env` beside the config (mode 0600) under the variable the config reads; the state file keeps
 * only the fingerprint. Generate never replaces a token; rotate does, remembers the retired
 * fingerprint, and names the manual step to redo, because the dispatcher URL carries the token.
 */
import { randomBytes } from 'node:crypto';
import type { Context } from '../../context.js';
import { readEnvFile, upsertEnvFile } from '../../config/env-file.js';
import { updateState } from '../../config/state.js';
import { UsageError } from '../../errors.js';
import { fingerprint, registerSecret } from '../../io/secrets.js';
import { findTokenTarget, type TokenTarget } from './target.js';

export const TOKEN_BYTES = 32;

export interface TokenOptions {
  name?: string;
  envVar?: string;
  print?: boolean;
}

export interface RedoStep {
  resource: string;
  step?: number;
  command: string;
}

export interface TokenResult {
  action: 'generated' | 'rotated';
  integration: string;
  envVar: string;
  envFile: string;
  fingerprint: string;
  previousFingerprint?: string;
  at: string;
  /** Only with --print. */
  token?: string;
  /** rotate: the step whose pasted value contains the token. */
  redo?: RedoStep;
  warnings: string[];
}

export function newToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

async function existingToken(target: TokenTarget, ctx: Context): Promise<{ value: string; where: string } | undefined> {
  const fromEnv = ctx.env[target.envVar];
  if (fromEnv) return { value: fromEnv, where: 'the environment' };
  const fromFile = (await readEnvFile(target.envFile))[target.envVar];
  return fromFile ? { value: fromFile, where: target.envFile } : undefined;
}

/** The number of the dispatcher step in `omnibot steps`, read from the config now that the token is set. */
async function redoStep(target: TokenTarget, ctx: Context): Promise<RedoStep> {
  const redo: RedoStep = { resource: 'dispatcher-rule', command: `omnibot steps --integration ${target.integration}` };
  if (!target.configFile) return redo;
  try {
    const loaded = await ctx.loadConfig({ required: false });
    const integration = loaded.config?.integrations.find((it) => it.name === target.integration);
    if (!loaded.config || !integration) return redo;
    const [{ loadRecipe }, { describeResources }] = await Promise.all([import('../../recipes/registry.js'), import('../../steps/collect.js')]);
    const steps = describeResources(await loadRecipe(integration.recipe), integration, loaded.config, 'en');
    const step = steps.find((s) => s.id === 'dispatcher-rule')?.number;
    return step ? { ...redo, step } : redo;
  } catch {
    return redo;
  }
}

export async function runToken(mode: 'generate' | 'rotate', options: TokenOptions, ctx: Context): Promise<TokenResult> {
  const target = await findTokenTarget(ctx, options);
  const existing = await existingToken(target, ctx);
  const hint = `omnibot token ${mode === 'generate' ? 'rotate' : 'generate'} --name ${target.integration}`;
  if (mode === 'generate' && existing) {
    throw new UsageError(`${target.envVar} already holds a token (in ${existing.where}); generate never replaces one`, {
      hint: `To replace it, run \`${hint}\`; then redo the dispatcher step, whose URL contains the token.`,
      details: { envVar: target.envVar },
    });
  }
  if (mode === 'rotate' && !existing) {
    throw new UsageError(`${target.envVar} holds no token yet (neither in the environment nor in ${target.envFile}); nothing to rotate`, {
      hint: `Run \`${hint}\` first.`,
      details: { envVar: target.envVar },
    });
  }
  if (existing) registerSecret(existing.value);

  const token = newToken();
  if (!options.print) registerSecret(token);
  const print = fingerprint(token);
  const at = ctx.now().toISOString();
  await upsertEnvFile(target.envFile, { [target.envVar]: token });
  const previousFingerprint = existing ? fingerprint(existing.value) : undefined;
  await updateState(target.stateFile, (state) => {
    const prev = state.tokens[target.integration];
    const previous = [...(prev?.previous ?? [])];
    if (previousFingerprint) previous.push({ fingerprint: previousFingerprint, createdAt: prev?.fingerprint === previousFingerprint ? prev.createdAt : undefined, retiredAt: at });
    state.tokens[target.integration] =
      mode === 'rotate' ? { fingerprint: print, createdAt: at, rotatedAt: at, previous } : { fingerprint: print, createdAt: at, ...(previous.length ? { previous } : {}) };
  });

  const warnings: string[] = [];
  if (!target.configFile) warnings.push(`No omnibot config found; the token went to ${target.envFile}. Point a helpdeskeddy-bot integration at it with "token": "\${${target.envVar}}".`);
  else if (!target.referenced) warnings.push(`The config does not read the token yet: set "token": "\${${target.envVar}}" (and use it in webhookUrl) for "${target.integration}".`);
  if (ctx.env[target.envVar]) warnings.push(`${target.envVar} is also set in the environment, which wins over .env: update it there too (e.g. the CI secret).`);

  const result: TokenResult = { action: mode === 'generate' ? 'generated' : 'rotated', integration: target.integration, envVar: target.envVar, envFile: target.envFile, fingerprint: print, at, warnings };
  if (previousFingerprint) result.previousFingerprint = previousFingerprint;
  if (options.print) result.token = token;
  if (mode === 'rotate') result.redo = await redoStep(target, ctx);
  return result;
}
