/**
 * `omnibot replay <file> --to <url>`: streams the capture, re-sends what the filters keep,
 * reports each result (a line, or NDJSON with --json) and a summary on stderr. Any failure is
 * exit 1; a Ctrl-C stops sending and is exit 130.
 */
import { userCatalog } from '../events/user-catalog.js';
import { resolveEventFilter } from '../../events/catalog.js';
import { z } from 'zod';
import type { Context } from '../../kit/context.js';
import { CancelledError, EXIT, FailedError, UsageError } from '../../core/errors.js';
import { isCredentialHeader } from '../../capture/secret-mask.js';
import { parseRate } from '../../capture/units.js';
import { MINUTE, parseDuration, parseInstant } from '../../core/duration.js';
import { registerSecret } from '../../core/io/secrets.js';
import { closeSharedAgent } from '../../core/http/send.js';
import { loadKnownSecrets } from '../../webhooks/known-secrets.js';
import { replayCapture, type ReplayResult } from '../../webhooks/replayer.js';
import { LineBatch } from '../../webhooks/line-batch.js';
import { formatStats } from '../../webhooks/sender.js';
import { parseTargetUrl } from '../../webhooks/target-url.js';
import type { Handler } from '../lazy-action.js';
import { parseOptions, wholeNumber } from '../../kit/parse-options.js';
import { capturePath } from '../../capture/reader.js';

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

const optionsSchema = z.object({
  to: z.string({ error: 'is required: where to send the records' }).min(1),
  event: z.array(z.string().min(1)).optional(),
  since: z.string().optional(),
  until: z.string().optional(),
  concurrency: wholeNumber(1, 1000).default(1),
  rate: z.string().optional(),
  preserveTiming: z.boolean().optional(),
  header: z.array(z.string()).optional(),
  tokenEnv: z.string().regex(ENV_NAME, 'must be an environment variable name').optional(),
  queryEnv: z.array(z.string()).optional(),
  timeout: z.string().optional(),
  json: z.boolean().optional(),
});

export function parseHeaderFlags(values: string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const text of values ?? []) {
    const colon = text.indexOf(':');
    const name = colon > 0 ? text.slice(0, colon).trim().toLowerCase() : '';
    if (!/^[!#$%&'*+.^_`|~0-9a-z-]+$/.test(name)) {
      throw new UsageError(`--header: "${text}" is not a header.`, { hint: "Write it as --header 'Name: value'." });
    }
    const value = text.slice(colon + 1).trim();
    if (/[\r\n\0]/.test(value)) throw new UsageError(`--header ${name}: the value contains a line break.`);
    if (isCredentialHeader(name)) {
      registerSecret(value);
      registerSecret(value.replace(/^(bearer|basic)\s+/i, ''));
    }
    out[name] = value;
  }
  return out;
}

/** A value a flag names by its environment variable; registered so nothing printed shows it. */
function envValue(env: NodeJS.ProcessEnv, name: string, flag: string): string {
  const value = env[name];
  if (!value)
    throw new UsageError(`${flag}: environment variable ${name} is not set.`, {
      hint: `export ${name}=<value> first.`,
    });
  registerSecret(value);
  return value;
}

/** `--query-env secret_key=BILLMANAGER_SECRET` → secret_key → the variable's value. */
function queryEnv(values: string[] | undefined, env: NodeJS.ProcessEnv): Map<string, string> {
  const out = new Map<string, string>();
  for (const text of values ?? []) {
    const eq = text.indexOf('=');
    const param = eq > 0 ? text.slice(0, eq) : '';
    const name = text.slice(eq + 1);
    if (!param || !ENV_NAME.test(name))
      throw new UsageError(`--query-env: "${text}" is not <param>=<VAR>.`, {
        hint: '--query-env secret_key=BILLMANAGER_SECRET',
      });
    out.set(param, envValue(env, name, `--query-env ${param}`));
  }
  return out;
}

function resultLine(result: ReplayResult, ctx: Context): string {
  if (ctx.io.json) return JSON.stringify(result);
  const c = ctx.io.c;
  const status =
    result.status === undefined
      ? c.red('ERR')
      : result.ok
        ? c.green(String(result.status))
        : c.red(String(result.status));
  const tail = result.error ? ` ${c.red(result.error)}` : '';
  return (
    `${status} ${Math.round(result.ms)}ms ${result.method} ${result.url} ${result.event ?? 'unknown'} (line ` +
    `${result.line})${tail}`
  );
}

const handler: Handler = async ({ args, opts }, ctx) => {
  const file = capturePath(ctx.cwd, String(args[0]));
  const o = parseOptions(optionsSchema, opts);
  const now = ctx.now();
  const since = o.since ? parseInstant(o.since, '--since', now) : undefined;
  const until = o.until ? parseInstant(o.until, '--until', now) : undefined;
  if (since && until && since > until) throw new UsageError('--since is later than --until: nothing could match.');
  const headers = parseHeaderFlags(o.header);
  const token = o.tokenEnv ? envValue(ctx.env, o.tokenEnv, '--token-env') : undefined;
  const query = queryEnv(o.queryEnv, ctx.env);
  const known = await loadKnownSecrets(ctx);
  ctx.defer(closeSharedAgent);
  const output = new LineBatch((chunk) => ctx.io.write(chunk));
  ctx.defer(() => output.flush());

  const summary = await replayCapture({
    file,
    stdin: ctx.stdin,
    to: parseTargetUrl(o.to, '--to'),
    events: o.event && resolveEventFilter(await userCatalog(ctx), o.event),
    since,
    until,
    concurrency: o.concurrency,
    ratePerSecond: o.rate ? parseRate(o.rate, '--rate') : undefined,
    preserveTiming: o.preserveTiming,
    headers,
    secrets: { known, token, query },
    timeoutMs: o.timeout ? parseDuration(o.timeout, '--timeout', { maxMs: 10 * MINUTE }) : undefined,
    signal: ctx.signal,
    onWarning: (message) => {
      // Keep warnings next to the results they interrupt.
      output.flush();
      ctx.io.warn(message);
    },
    onResult: (result) => output.push(resultLine(result, ctx)),
  });
  output.flush();

  if (ctx.signal.aborted) throw new CancelledError(`Replay cancelled after ${summary.sent} request(s).`);
  const extra: string[] = [];
  if (summary.skippedLines) extra.push(`skipped lines ${summary.skippedLines}`);
  if (summary.unreplayable) extra.push(`not replayable ${summary.unreplayable}`);
  if (summary.refused) extra.push(`refused (masked secret) ${summary.refused}`);
  ctx.io.info(`replay: ${formatStats(summary)}${extra.length ? ` · ${extra.join(' · ')}` : ''}`);
  if (summary.sent === 0 && summary.refused === 0) ctx.io.warn('nothing was sent: no record matched.');
  if (summary.refused > 0) {
    throw new FailedError(
      `${summary.refused} record(s) not replayed: a value masked at capture time is not known (each is named above).`,
      {
        code: 'replay_refused',
        hint: 'Give it with --token-env, --query-env or --header, or replay from a project whose config has it.',
        details: { sent: summary.sent, ok: summary.ok, failed: summary.failed, refused: summary.refused },
      },
    );
  }
  if (summary.failed > 0) {
    throw new FailedError(`${summary.failed} of ${summary.sent} replayed request(s) failed or answered non-2xx.`, {
      code: 'replay_failed',
      details: { sent: summary.sent, ok: summary.ok, failed: summary.failed },
    });
  }
  return EXIT.ok;
};

export default handler;
