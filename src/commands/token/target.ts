/**
 * Where a bot token lives: which integration, which environment variable the config reads it
 * from (`"token": "${HDE_BOT_TOKEN}"`), and the `.env` and state file beside the config. The
 * config is read raw, not through the loader: the loader refuses a `${VAR}` that is unset, and
 * an unset token is exactly what `token generate` is for.
 */
import { dirname, join } from 'node:path';
import { resolve } from 'node:path';
import type { Context } from '../../context.js';
import { SEARCH_PLACES } from '../../config/load.js';
import { ConfigError, UsageError } from '../../errors.js';
import { HDE_BOT_TOKEN_VAR } from '../../recipes/helpdeskeddy-bot/bot-token.js';

export interface TokenTarget {
  integration: string;
  envVar: string;
  /** The folder of the config (or the working folder when there is none). */
  dir: string;
  configFile?: string;
  envFile: string;
  stateFile: string;
  /** False when no helpdeskeddy-bot integration names the variable yet. */
  referenced: boolean;
}

const VAR_REF = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$/;

export async function readRawConfig(ctx: Context): Promise<{ file: string; raw: Record<string, unknown> } | undefined> {
  const { cosmiconfig } = await import('cosmiconfig');
  const explorer = cosmiconfig('omnibot', { searchPlaces: SEARCH_PLACES, searchStrategy: 'project', cache: false });
  try {
    const found = ctx.flags.config ? await explorer.load(resolve(ctx.cwd, ctx.flags.config)) : await explorer.search(ctx.cwd);
    if (!found || found.isEmpty) return undefined;
    const raw = found.config as unknown;
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new ConfigError(`${found.filepath}: the config must be an object`, { code: 'config_invalid' });
    return { file: found.filepath, raw: raw as Record<string, unknown> };
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'ENOENT') throw new ConfigError(`Config file not found: ${ctx.flags.config}`, { code: 'config_not_found', hint: 'Check the --config path.' });
    throw new ConfigError(`Could not parse the config: ${String(e.message).split('\n')[0]}`, { code: 'config_parse', cause: err });
  }
}

export async function findTokenTarget(ctx: Context, options: { name?: string; envVar?: string }): Promise<TokenTarget> {
  const found = await readRawConfig(ctx);
  const dir = found ? dirname(found.file) : ctx.cwd;
  const base = { dir, configFile: found?.file, envFile: join(dir, '.env'), stateFile: join(dir, '.omnibot', 'state.json') };
  const list = Array.isArray(found?.raw.integrations) ? (found!.raw.integrations as Array<Record<string, unknown>>) : [];
  const hde = list.map((it, index) => ({ it, index })).filter(({ it }) => it && it.recipe === 'helpdeskeddy-bot');
  let chosen = options.name ? hde.find(({ it }) => it.name === options.name) : hde.length === 1 ? hde[0] : undefined;
  if (!chosen && hde.length > 1) {
    const known = hde.map(({ it }) => String(it.name)).join(', ');
    throw new UsageError(`--name: ${options.name ? `no helpdeskeddy-bot integration named "${options.name}"` : 'the config has several helpdeskeddy-bot integrations'} (known: ${known})`, {
      details: { flag: '--name' },
    });
  }
  if (!chosen && options.name && hde.length === 1) {
    throw new UsageError(`--name: no helpdeskeddy-bot integration named "${options.name}" (known: ${String(hde[0]!.it.name)})`, { details: { flag: '--name' } });
  }
  if (!chosen) {
    // Nothing in the config yet: the token goes where `init` and the docs expect it.
    return { ...base, integration: options.name ?? 'hde', envVar: options.envVar ?? HDE_BOT_TOKEN_VAR, referenced: false };
  }
  const where = `${found!.file}: integrations[${chosen.index}].token`;
  const rawToken = chosen.it.token;
  if (typeof rawToken === 'string' && rawToken !== '' && !rawToken.includes('${')) {
    throw new ConfigError(`${where} holds a literal token`, {
      code: 'config_literal_secret',
      hint: `Write "token": "\${${options.envVar ?? HDE_BOT_TOKEN_VAR}}" (and the same in webhookUrl) so the token lives in .env, then run this again.`,
    });
  }
  const m = typeof rawToken === 'string' ? VAR_REF.exec(rawToken.trim()) : null;
  if (m && options.envVar && options.envVar !== m[1]) {
    throw new UsageError(`--env-var: the config reads the token of "${String(chosen.it.name)}" from \${${m[1]}}, not ${options.envVar}`, { details: { flag: '--env-var' } });
  }
  return { ...base, integration: String(chosen.it.name), envVar: m?.[1] ?? options.envVar ?? HDE_BOT_TOKEN_VAR, referenced: Boolean(m) };
}
