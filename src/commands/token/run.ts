/**
 * `token generate` and `token rotate`, for every integration that holds a secret (the
 * HelpDeskEddy bot token, the BILLmanager secret_key): 32 random bytes, base64url (43
 * characters, safe in a URL path or query string), written to `.env` beside the config (mode
 * 0600) under the variable the config reads; the state file keeps only the fingerprint.
 * Generate never replaces a value; rotate does, remembers the retired fingerprint, and names
 * the manual steps to redo, because their pasted values contain the secret.
 */
import { randomBytes } from 'node:crypto';
import type { Context } from '../../kit/context.js';
import { readEnvFile, upsertEnvFile } from '../../config/env-file.js';
import { ensureGitignore } from '../../config/gitignore.js';
import { updateState } from '../../core/state.js';
import { UsageError } from '../../core/errors.js';
import { fingerprint, registerSecret } from '../../core/io/secrets.js';
import type { SecretRecipe } from './secret-recipes.js';

export type { SecretRecipe };
import { findTokenTarget, type TokenTarget } from './target.js';

export const TOKEN_BYTES = 32;

export interface TokenOptions {
  name?: string;
  envVar?: string;
  print?: boolean;
}

export interface RedoStep {
  resource: string;
  /** As `omnibot steps` numbers it, when the config loads. */
  step?: number;
}

export interface TokenResult {
  action: 'generated' | 'rotated';
  recipe: string;
  integration: string;
  envVar: string;
  envFile: string;
  fingerprint: string;
  previousFingerprint?: string;
  at: string;
  /** rotate: the steps whose pasted values contain the secret. */
  redo?: RedoStep[];
  /** Where those steps are shown. */
  command: string;
  warnings: string[];
  /** The value itself, under the config field's name (`token`, `secret`); only with --print. */
  [field: string]: unknown;
}

export function newToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

/** The value already set, if any: the environment wins over .env, as the config loader reads them. */
export async function existingToken(
  envVar: string,
  envFile: string,
  ctx: Pick<Context, 'env'>,
): Promise<{ value: string; where: string } | undefined> {
  const fromEnv = ctx.env[envVar];
  if (fromEnv) return { value: fromEnv, where: 'the environment' };
  const fromFile = (await readEnvFile(envFile))[envVar];
  return fromFile ? { value: fromFile, where: envFile } : undefined;
}

/** The numbers of the steps to redo in `omnibot steps`, read from the config now that the value is set. */
async function redoSteps(target: TokenTarget, ctx: Context): Promise<RedoStep[]> {
  const redo: RedoStep[] = target.recipe.redo.map(({ resource }) => ({ resource }));
  if (!target.configFile) return redo;
  try {
    const loaded = await ctx.loadConfig({ required: false });
    const integration = loaded.config?.integrations.find((it) => it.name === target.integration);
    if (!loaded.config || !integration) return redo;
    const { describeResources } = await import('../../steps/collect.js');
    const steps = describeResources(await ctx.registry.bind(integration), loaded.config, 'en');
    return redo.map((r) => {
      const step = steps.find((s) => s.id === r.resource)?.number;
      return step ? { ...r, step } : r;
    });
  } catch {
    return redo;
  }
}

function warningsFor(target: TokenTarget, ctx: Context): string[] {
  const { recipe, envVar } = target;
  const ref = `"${recipe.field}": "\${${envVar}}"`;
  const warnings: string[] = [];
  if (!target.configFile)
    warnings.push(
      `No omnibot config found; the ${recipe.field} went to ${target.envFile}. Point a ${recipe.recipe} integration ` +
        `at it with ${ref}.`,
    );
  else if (!target.referenced)
    warnings.push(
      `The config does not read the ${recipe.field} yet: set ` +
        `${ref}${recipe.alsoIn ? ` (and use it in ${recipe.alsoIn})` : ''} for "${target.integration}".`,
    );
  if (ctx.env[envVar])
    warnings.push(
      `${envVar} is also set in the environment, which wins over .env: update it there too (e.g. the CI secret).`,
    );
  return warnings;
}

/** `only` is the recipe of an alias (`billmanager secret …`); the plain command finds it in the config. */
export async function runToken(
  mode: 'generate' | 'rotate',
  options: TokenOptions,
  ctx: Context,
  only?: SecretRecipe,
): Promise<TokenResult> {
  const target = await findTokenTarget(ctx, options, only);
  const { recipe, envVar } = target;
  const noun = recipe.field;
  const existing = await existingToken(envVar, target.envFile, ctx);
  const hint = `omnibot token ${mode === 'generate' ? 'rotate' : 'generate'} --name ${target.integration}`;
  if (mode === 'generate' && existing) {
    throw new UsageError(`${envVar} already holds a ${noun} (in ${existing.where}); generate never replaces one`, {
      hint: `To replace it, run \`${hint}\`; then ${recipe.redoHint}.`,
      details: { envVar },
    });
  }
  if (mode === 'rotate' && !existing) {
    throw new UsageError(
      `${envVar} holds no ${noun} yet (neither in the environment nor in ${target.envFile}); nothing to rotate`,
      {
        hint: `Run \`${hint}\` first.`,
        details: { envVar },
      },
    );
  }
  if (existing) registerSecret(existing.value);

  const token = newToken();
  if (!options.print) registerSecret(token);
  const print = fingerprint(token);
  const at = ctx.now().toISOString();
  await upsertEnvFile(target.envFile, { [envVar]: token });
  // The token now sits in .env: keep it (and omnibot's state) out of git from the first write.
  const ignored = await ensureGitignore(target.dir);
  if (ignored.length) ctx.io.info(`.gitignore: added ${ignored.join(', ')}`);
  const previousFingerprint = existing ? fingerprint(existing.value) : undefined;
  await updateState(target.stateFile, (state) => {
    const prev = state.tokens[target.integration];
    const previous = [...(prev?.previous ?? [])];
    if (previousFingerprint)
      previous.push({
        fingerprint: previousFingerprint,
        createdAt: prev?.fingerprint === previousFingerprint ? prev.createdAt : undefined,
        retiredAt: at,
      });
    state.tokens[target.integration] = {
      fingerprint: print,
      createdAt: at,
      ...(mode === 'rotate' ? { rotatedAt: at } : {}),
      ...(previous.length ? { previous } : {}),
    };
  });

  return {
    action: mode === 'generate' ? 'generated' : 'rotated',
    recipe: recipe.recipe,
    integration: target.integration,
    envVar,
    envFile: target.envFile,
    fingerprint: print,
    ...(previousFingerprint ? { previousFingerprint } : {}),
    at,
    ...(options.print ? { [noun]: token } : {}),
    ...(mode === 'rotate' ? { redo: await redoSteps(target, ctx) } : {}),
    command: `omnibot steps --integration ${target.integration}`,
    warnings: warningsFor(target, ctx),
  };
}
