/**
 * Where a secret lives: which integration (any recipe of ./secret-recipes.ts), which environment
 * variable the config reads it from (`"token": "${HDE_BOT_TOKEN}"`, `"secret": "${BILLMANAGER_SECRET}"`),
 * and the `.env` and state file beside the config. The config is read raw, not through the
 * loader: the loader refuses a `${VAR}` that is unset, and an unset secret is exactly what
 * `token generate` is for.
 */
import { dirname, join, resolve } from 'node:path';
import type { Context } from '../../kit/context.js';
import { configExplorer } from '../../config/load.js';
import { assertReasonableShape } from '../../config/shape-limits.js';
import { ConfigError, UsageError } from '../../core/errors.js';
import { secretRecipes, type SecretRecipe } from './secret-recipes.js';

export interface TokenTarget {
  recipe: SecretRecipe;
  integration: string;
  envVar: string;
  /** The folder of the config (or the working folder when there is none). */
  dir: string;
  configFile?: string;
  envFile: string;
  stateFile: string;
  /** False when no integration names the variable yet. */
  referenced: boolean;
}

const VAR_REF = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$/;

export async function readRawConfig(ctx: Context): Promise<{ file: string; raw: Record<string, unknown> } | undefined> {
  const explorer = await configExplorer();
  try {
    const found = ctx.flags.config
      ? await explorer.load(resolve(ctx.cwd, ctx.flags.config))
      : await explorer.search(ctx.cwd);
    if (!found || found.isEmpty) return undefined;
    const raw = found.config as unknown;
    assertReasonableShape(raw, found.filepath);
    if (!raw || typeof raw !== 'object' || Array.isArray(raw))
      throw new ConfigError(`${found.filepath}: the config must be an object`, { code: 'config_invalid' });
    return { file: found.filepath, raw: raw as Record<string, unknown> };
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'ENOENT')
      throw new ConfigError(`Config file not found: ${ctx.flags.config}`, {
        code: 'config_not_found',
        hint: 'Check the --config path.',
      });
    throw new ConfigError(`Could not parse the config: ${String(e.message).split('\n')[0]}`, {
      code: 'config_parse',
      cause: err,
    });
  }
}

/**
 * `only` narrows the search to one recipe (`billmanager secret …`); without it every integration
 * that holds a secret is a candidate, and with no candidate at all the value goes where `init`
 * and the docs expect a bot token.
 */
export async function findTokenTarget(
  ctx: Context,
  options: { name?: string; envVar?: string },
  only?: SecretRecipe,
): Promise<TokenTarget> {
  const found = await readRawConfig(ctx);
  const dir = found ? dirname(found.file) : ctx.cwd;
  const base = {
    dir,
    configFile: found?.file,
    envFile: join(dir, '.env'),
    stateFile: join(dir, '.omnibot', 'state.json'),
  };
  const all = secretRecipes(ctx.registry);
  const scope = only ? [only] : all;
  const list = Array.isArray(found?.raw.integrations) ? (found.raw.integrations as Array<Record<string, unknown>>) : [];
  const holders = list.flatMap((it, index) => {
    const recipe = it ? scope.find((r) => r.recipe === it.recipe) : undefined;
    return recipe ? [{ it, index, recipe }] : [];
  });
  const chosen = options.name
    ? holders.find(({ it }) => it.name === options.name)
    : holders.length === 1
      ? holders[0]
      : undefined;
  if (!chosen && (holders.length > 1 || (options.name && holders.length > 0))) {
    const kinds = [...new Set(holders.map(({ recipe }) => recipe.recipe))].join(' or ');
    const known = holders.map(({ it }) => String(it.name)).join(', ');
    const why = options.name
      ? `no ${kinds} integration named "${options.name}"`
      : `the config has several ${kinds} integrations`;
    throw new UsageError(`--name: ${why} (known: ${known})`, { details: { flag: '--name' } });
  }
  if (!chosen && found) {
    // A config that no integration of which takes this secret: inventing one would only write a
    // token nothing reads (and a .env and a state entry for it).
    const takers = scope.map((r) => `${r.recipe} (${r.field})`).join(', ');
    const what = options.name
      ? `no integration named "${options.name}" takes a secret`
      : 'no integration takes a secret';
    throw new UsageError(`${options.name ? '--name: ' : ''}${what} in ${found.file}`, {
      hint:
        `Secrets belong to these integrations: ${takers}. Add one to the config (omnibot init --append), then ` +
        `run this again.`,
      details: { flag: '--name' },
    });
  }
  if (!chosen) {
    const recipe = only ?? all[0]!;
    return {
      ...base,
      recipe,
      integration: options.name ?? recipe.defaultName,
      envVar: options.envVar ?? recipe.envVar,
      referenced: false,
    };
  }
  const { recipe } = chosen;
  const raw = chosen.it[recipe.field];
  if (typeof raw === 'string' && raw !== '' && !raw.includes('${')) {
    const also = recipe.alsoIn ? ` (and the same in ${recipe.alsoIn})` : '';
    throw new ConfigError(
      `${found!.file}: integrations[${chosen.index}].${recipe.field} holds a literal ${recipe.field}`,
      {
        code: 'config_literal_secret',
        hint:
          `Write "${recipe.field}": "\${${options.envVar ?? recipe.envVar}}"${also} so the ${recipe.field} lives ` +
          `in .env, then run this again.`,
      },
    );
  }
  const m = typeof raw === 'string' ? VAR_REF.exec(raw.trim()) : null;
  if (m && options.envVar && options.envVar !== m[1]) {
    throw new UsageError(
      `--env-var: the config reads the ${recipe.field} of "${String(chosen.it.name)}" from \${${m[1]}}, not ` +
        `${options.envVar}`,
      { details: { flag: '--env-var' } },
    );
  }
  return {
    ...base,
    recipe,
    integration: String(chosen.it.name),
    envVar: m?.[1] ?? options.envVar ?? recipe.envVar,
    referenced: Boolean(m),
  };
}
