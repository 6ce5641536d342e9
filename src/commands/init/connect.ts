/**
 * The helpdesk connection of a recipe: account URL, e-mail and API key, taken from the config
 * being appended to, from flags and the environment, or asked; then proved against the live API.
 * At a terminal a refused key is worth another try; a script gets exit 3.
 */
import { join } from 'node:path';
import { readEnvFile } from '../../config/env-file.js';
import { normalizeHelpdeskUrl } from '../../core/urls.js';
import type { Context } from '../../kit/context.js';
import { ApiError, AuthError, ConfigError, UsageError } from '../../core/errors.js';
import { registerSecret } from '../../core/io/secrets.js';
import type { LiveAccount } from '../../helpdesks/define.js';
import { helpdesk, type HelpdeskKind } from '../../helpdesks/registry.js';
import type { InitOptions } from './action.js';
import { askApiKey, askEmail, askUrl } from './prompts.js';

/** A connection proven live: its client, its staff, and whether it is our sandbox. */
export type Live = LiveAccount<unknown, unknown>;
const VAR_REF = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$/;

/** Failures that say the URL leads nowhere useful: worth asking for the URL again, not the key. */
const UNREACHABLE = new Set([
  'timeout',
  'unreachable',
  'network',
  'not_found',
  'bad_response',
  'hde_timeout',
  'hde_network',
]);

/** The client's hint speaks of the config's url, which init has not written yet: name --url instead. */
function aboutTheFlag(err: ApiError, url: string): ApiError {
  return new ApiError(err.message, {
    code: err.code,
    status: err.status,
    cause: err.cause,
    details: { ...err.details, flag: '--url' },
    hint: `Check --url (${url}) and your network connection; nothing was written.`,
  });
}

export interface Connection {
  kind: HelpdeskKind;
  url: string;
  email: string;
  apiKey: string;
  /** The variable the config reads the key from; undefined for a literal key kept in an appended file. */
  varName?: string;
  /** The key was typed at the prompt (so it is offered for .env). */
  typed: boolean;
  /** The section to add to the config; undefined when the appended file already has one. */
  section?: Record<string, unknown>;
}

/** What an appended config already says about this helpdesk; flags may repeat it, not contradict it. */
function reuse(
  kind: HelpdeskKind,
  section: Record<string, unknown>,
  options: InitOptions,
): { url: string; email: string; varName?: string; literal?: string } {
  const { url, email, apiKey } = section as { url?: unknown; email?: unknown; apiKey?: unknown };
  if (typeof url !== 'string' || typeof email !== 'string' || typeof apiKey !== 'string') {
    throw new ConfigError(`The config's "${kind}" section lacks url, email or apiKey; fix it before appending to it.`, {
      code: 'config_invalid',
    });
  }
  const { domain, title } = helpdesk(kind);
  const origin = normalizeHelpdeskUrl(url, domain);
  if (options.url !== undefined && normalizeHelpdeskUrl(options.url, domain) !== origin) {
    throw new UsageError(`--url: the config already connects to ${origin}; a config holds one ${title} account.`, {
      hint: 'Drop --url to use that account, or write another config with --output <file>.',
      details: { flag: '--url' },
    });
  }
  if (options.email !== undefined && options.email.trim().toLowerCase() !== email.toLowerCase()) {
    throw new UsageError(`--email: the config already uses the key of ${email}.`, {
      hint: 'Drop --email to use it.',
      details: { flag: '--email' },
    });
  }
  const ref = VAR_REF.exec(apiKey.trim());
  if (ref && options.apiKeyEnv !== undefined && options.apiKeyEnv !== ref[1]) {
    throw new UsageError(`--api-key-env: the config reads the key from \${${ref[1]}}, not ${options.apiKeyEnv}.`, {
      details: { flag: '--api-key-env' },
    });
  }
  return ref ? { url: origin, email, varName: ref[1] } : { url: origin, email, literal: apiKey };
}

/** The key from the environment or the .env beside the config; undefined means "ask". */
async function findKey(kind: HelpdeskKind, varName: string, ctx: Context, dir: string): Promise<string | undefined> {
  const value = ctx.env[varName] || (await readEnvFile(join(dir, '.env')))[varName];
  if (value) return value;
  if (!ctx.prompter.interactive) {
    throw new UsageError(
      `--api-key-env: ${varName} is not set (neither in the environment nor in ${join(dir, '.env')}).`,
      {
        hint:
          `Set ${varName} to the ${helpdesk(kind).title} API key, or pass --api-key-env <NAME> naming the ` +
          `variable that holds it.`,
        details: { flag: '--api-key-env', variable: varName },
      },
    );
  }
  return undefined;
}

export async function connect(
  kind: HelpdeskKind,
  options: InitOptions,
  ctx: Context,
  dir: string,
  existing: Record<string, unknown> | undefined,
): Promise<{ conn: Connection; live: Live }> {
  const p = ctx.prompter;
  const lang = options.lang ?? 'ru';
  const kept = existing ? reuse(kind, existing, options) : undefined;
  const desk = helpdesk(kind);
  const varName = kept ? kept.varName : (options.apiKeyEnv ?? desk.keyVar);
  let url = kept?.url ?? normalizeHelpdeskUrl(await askUrl(p, desk, options.url, undefined, lang), desk.domain);
  let email = kept?.email ?? (await askEmail(p, options.email, undefined, lang));
  let apiKey = kept?.literal ?? (await findKey(kind, varName!, ctx, dir));
  let typed = false;
  if (apiKey === undefined) {
    ctx.io.info(desk.whereKeys(url));
    apiKey = await askApiKey(p, varName!, lang);
    typed = true;
  }
  registerSecret(apiKey);

  for (;;) {
    try {
      const live: Live = await desk.live(
        { url, email, apiKey },
        { signal: ctx.signal, info: (l) => ctx.io.info(l), debug: (l) => ctx.io.debug(l) },
      );
      const section = kept ? undefined : { url, email, apiKey: `\${${varName}}` };
      return { conn: { kind, url, email, apiKey, varName, typed, section }, live };
    } catch (err) {
      if (err instanceof ApiError && UNREACHABLE.has(err.code) && !kept) {
        if (!p.interactive || options.url !== undefined) throw aboutTheFlag(err, url);
        // Nothing typed is lost: the e-mail and key stay, only the address is asked again.
        ctx.io.warn(
          `${err.message} ` +
            (lang === 'ru' ? 'Проверьте адрес и введите его ещё раз.' : 'Check the address and try again.'),
        );
        url = normalizeHelpdeskUrl(await askUrl(p, desk, undefined, url, lang), desk.domain);
        continue;
      }
      // A connection kept from the file is fixed in the file; only a typed key is asked again.
      if (!(err instanceof AuthError) || !p.interactive || (kept && !typed)) throw err;
      ctx.io.warn(`${err.message}${err.hint ? ` ${err.hint}` : ''}`);
      if (!kept) email = await askEmail(p, undefined, email, lang);
      apiKey = await askApiKey(p, varName!, lang);
      registerSecret(apiKey);
      typed = true;
    }
  }
}
