/**
 * `listen` flags → validated settings. Everything that can be wrong with a flag is reported
 * here, before a socket is opened, as a UsageError naming the flag.
 */
import { resolve } from 'node:path';
import { z } from 'zod';
import type { Context } from '../../kit/context.js';
import { UsageError } from '../../core/errors.js';
import { registerSecret } from '../../core/io/secrets.js';
import { parseSize } from '../../capture/units.js';
import { DAY, HOUR, parseDuration } from '../../core/duration.js';
import type { SharedSecret } from '../../webhooks/secret-check.js';
import { normalizePrefix, parseTargetUrl } from '../../webhooks/target-url.js';
import { parseOptions, wholeNumber } from '../../kit/parse-options.js';

const optionsSchema = z.object({
  port: wholeNumber(0, 65535).default(8787),
  host: z.string().min(1, 'must not be empty').default('127.0.0.1'),
  path: z
    .string()
    .min(1, 'must not be empty')
    .refine((p) => p.startsWith('/'), { message: 'must be a URL path starting with "/", e.g. /omnidesk' })
    .optional(),
  capture: z.string().min(1, 'must name a file').optional(),
  forwardTo: z.string().optional(),
  status: wholeNumber(100, 599).default(200),
  maxBody: z.string().default('1mb'),
  secretEnv: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name')
    .optional(),
  secretHeader: z
    .string()
    .regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'must be a header name')
    .optional(),
  secretQuery: z.string().min(1).optional(),
  keepSecrets: z.boolean().optional(),
  headersTimeout: z.string().optional(),
  requestTimeout: z.string().optional(),
  maxConnections: wholeNumber(1, 100_000).optional(),
  maxPending: z.string().optional(),
  json: z.boolean().optional(),
  ui: z.boolean().optional(),
  open: z.boolean().default(true),
});

export interface ListenSettings {
  port: number;
  host: string;
  pathPrefix?: string;
  capture?: string;
  forwardTo?: URL;
  status: number;
  maxBody: number;
  secret?: SharedSecret;
  keepSecrets: boolean;
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  maxConnections: number;
  maxPendingBytes: number;
  json: boolean;
  /** Serve the inspector page too (`--ui`), and open it at a terminal unless --no-open. */
  ui: boolean;
  open: boolean;
}

const DEFAULT_MAX_CONNECTIONS = 512;
const DEFAULT_MAX_PENDING = 64 * 1024 * 1024;

function sharedSecret(o: z.output<typeof optionsSchema>, ctx: Context): SharedSecret | undefined {
  if (!o.secretEnv) {
    if (o.secretHeader || o.secretQuery)
      throw new UsageError(
        `${o.secretHeader ? '--secret-header' : '--secret-query'} needs --secret-env <name> to say where the secret ` +
          `is.`,
      );
    return undefined;
  }
  if (!o.secretHeader && !o.secretQuery) {
    throw new UsageError(
      '--secret-env needs --secret-header <name> or --secret-query <param> to say where requests carry it.',
    );
  }
  if (o.secretHeader && o.secretQuery) throw new UsageError('--secret-header and --secret-query: choose one.');
  const value = ctx.env[o.secretEnv];
  if (!value) {
    throw new UsageError(`--secret-env: environment variable ${o.secretEnv} is not set.`, {
      hint: `export ${o.secretEnv}=<secret> first.`,
    });
  }
  registerSecret(value);
  if (value.length < 16)
    ctx.io.warn(
      `the shared secret in ${o.secretEnv} is short (${value.length} characters); 16 or more is harder to guess.`,
    );
  return o.secretHeader ? { value, header: o.secretHeader.toLowerCase() } : { value, query: o.secretQuery! };
}

export function listenSettings(opts: Record<string, unknown>, ctx: Context): ListenSettings {
  const o = parseOptions(optionsSchema, opts);
  const headersTimeoutMs = o.headersTimeout
    ? parseDuration(o.headersTimeout, '--headers-timeout', { maxMs: HOUR })
    : 10_000;
  const requestTimeoutMs = o.requestTimeout
    ? parseDuration(o.requestTimeout, '--request-timeout', { maxMs: DAY })
    : 30_000;
  if (requestTimeoutMs < headersTimeoutMs)
    throw new UsageError('--request-timeout must not be shorter than --headers-timeout.');
  const maxBody = parseSize(o.maxBody, '--max-body');
  // By default room for two bodies of the largest size, and never less than 64 MiB.
  const maxPendingBytes = o.maxPending
    ? parseSize(o.maxPending, '--max-pending')
    : Math.max(DEFAULT_MAX_PENDING, 2 * maxBody);
  if (maxPendingBytes < maxBody)
    throw new UsageError('--max-pending must be at least --max-body: a body that size could never be received.');
  return {
    port: o.port,
    host: o.host,
    pathPrefix: o.path ? normalizePrefix(o.path) : undefined,
    capture: o.capture ? resolve(ctx.cwd, o.capture) : undefined,
    forwardTo: o.forwardTo ? parseTargetUrl(o.forwardTo, '--forward-to') : undefined,
    status: o.status,
    maxBody,
    secret: sharedSecret(o, ctx),
    keepSecrets: Boolean(o.keepSecrets),
    headersTimeoutMs,
    requestTimeoutMs,
    maxConnections: o.maxConnections ?? DEFAULT_MAX_CONNECTIONS,
    maxPendingBytes,
    json: Boolean(o.json),
    ui: Boolean(o.ui),
    open: o.open,
  };
}
