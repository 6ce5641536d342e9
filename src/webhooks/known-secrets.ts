/**
 * The secrets the webhook commands (listen, tail, replay, send, capture redact) know of, so
 * that nothing they print or write can carry one: the config's API keys (and the Basic header
 * built from e-mail and key), bot tokens and BILLmanager secrets when there is a config, and
 * the variables those usually live in when there is none. Every value is registered with the
 * redaction registry; replay also gets them back to restore what a capture masked.
 */
import type { Context } from '../kit/context.js';
import { registerBasicAuth, registerSecret } from '../core/io/secrets.js';
import { BILLMANAGER_SECRET_PARAM } from '../capture/secret-mask.js';
import { HELPDESKS } from '../helpdesks/registry.js';

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
const usable = (value: string | undefined): value is string =>
  typeof value === 'string' && value !== '' && !UNRESOLVED.test(value);

function maskedPathOf(webhookUrl: string, token: string): string | undefined {
  try {
    const path = new URL(webhookUrl).pathname;
    for (const form of [token, encodeURIComponent(token)]) if (path.includes(form)) return path.split(form).join('***');
  } catch {
    // Not a URL (yet): no path to match.
  }
  return undefined;
}

/**
 * Where an integration's secret travels in its webhook URL: a secret that also sits in another
 * field (`alsoIn: 'webhookUrl'`, the HelpDeskEddy bot token) is a path segment; the one that
 * does not (BILLmanager's) is the URL's whole query, replay's `secret_key` slot.
 */
function addSecret(known: KnownSecrets, source: string, value: string, alsoIn: string | undefined, url: unknown): void {
  registerSecret(value);
  if (alsoIn) {
    if (known.pathTokens.some((t) => t.value === value)) return;
    known.pathTokens.push({
      source,
      value,
      maskedPath: typeof url === 'string' ? maskedPathOf(url, value) : undefined,
    });
  } else if (!known.queryValues.has(BILLMANAGER_SECRET_PARAM)) {
    known.queryValues.set(BILLMANAGER_SECRET_PARAM, { source, value });
  }
}

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
    for (const desk of HELPDESKS) {
      const conn = config?.[desk.kind];
      if (conn && usable(conn.apiKey)) registerBasicAuth(conn.email, conn.apiKey);
    }
    for (const it of config?.integrations ?? []) {
      const secret = ctx.registry.get(it.recipe)?.secret;
      const fields = it as unknown as Record<string, unknown>;
      const value = secret ? fields[secret.field] : undefined;
      if (secret && typeof value === 'string' && usable(value)) {
        addSecret(
          known,
          `integration "${it.name}"`,
          value,
          secret.alsoIn,
          secret.alsoIn ? fields[secret.alsoIn] : undefined,
        );
      }
    }
  } catch (err) {
    ctx.io.warn(
      `the config could not be read (${(err as Error).message.split('\n')[0]}); only credentials recognised by their ` +
        `place and shape are masked.`,
    );
  }
  // The variables these secrets live in, for a run outside a project (or with a partial config).
  for (const desk of HELPDESKS) {
    const key = env[desk.env.apiKey] ?? env[desk.keyVar];
    if (!usable(key)) continue;
    const email = env[desk.env.email];
    if (email) registerBasicAuth(email, key);
    else registerSecret(key);
  }
  for (const d of ctx.registry.integrations) {
    const value = d.secret ? env[d.secret.envVar] : undefined;
    if (d.secret && usable(value)) addSecret(known, d.secret.envVar, value, d.secret.alsoIn, undefined);
  }
  return known;
}
