/**
 * Sends `count` requests of one event, `concurrency` at a time, each with a freshly rendered
 * sample (new ids and times) unless `--data` fixed the bytes. Results are reported one by one
 * as they arrive; nothing here throws for a failed request, so every request gets its line.
 */
import { maskUrl } from '../../capture/secret-mask.js';
import { renderSample, type EventDef, type FieldValue } from '../../events/catalog.js';
import { CONTENT_TYPES, type Encoding } from '../../events/types.js';
import type { SendResult } from '../../core/http/send.js';
import { sendMany, type SendStats } from '../../webhooks/sender.js';

export interface SendPlan {
  event: EventDef;
  url: string;
  count: number;
  concurrency: number;
  timeoutMs: number;
  /** From --header, in order; they win over the defaults (content type, user agent). */
  headers: Array<[string, string]>;
  /** --data: these exact bytes on every request. */
  data?: Buffer;
  sets: Map<string, FieldValue>;
  encoding?: Encoding;
  signal?: AbortSignal;
}

export interface SendLine {
  n: number;
  event: string;
  url: string;
  status: number | null;
  ms: number;
  /** Request body size. */
  bytes: number;
  /** Response body as text (at most 1 MiB is kept). */
  response: string;
  truncated?: boolean;
  error?: string;
}

function requestHeaders(contentType: string, user: Array<[string, string]>): Array<[string, string]> {
  const given = new Set(user.map(([k]) => k.toLowerCase()));
  const defaults: Array<[string, string]> = [];
  if (!given.has('content-type')) defaults.push(['content-type', contentType]);
  if (!given.has('user-agent')) defaults.push(['user-agent', 'omnibot']);
  return [...defaults, ...user];
}

function toLine(plan: SendPlan, n: number, bytes: number, result: SendResult): SendLine {
  // The URL may carry a token (a webhook path, ?token=…): lines show it masked.
  const url = maskUrl(plan.url);
  return {
    n,
    event: plan.event.name,
    url,
    status: result.status ?? null,
    ms: result.ms,
    bytes,
    response: result.body.toString('utf8'),
    ...(result.truncated ? { truncated: true } : {}),
    ...(result.error ? { error: result.error.split(result.url).join(url) } : {}),
  };
}

export async function runSend(plan: SendPlan, onLine: (line: SendLine) => void): Promise<SendStats> {
  const sizes = new Map<number, number>();
  const jobs = {
    *[Symbol.iterator]() {
      for (let i = 0; i < plan.count; i += 1) yield i;
    },
  };
  return sendMany(jobs, {
    concurrency: Math.min(plan.concurrency, plan.count),
    signal: plan.signal,
    toRequest: (_job, n) => {
      const sample = plan.data ? { contentType: dataContentType(plan), body: plan.data } : freshSample(plan);
      sizes.set(n, sample.body.length);
      return {
        url: plan.url,
        method: 'POST',
        headers: requestHeaders(sample.contentType, plan.headers),
        body: sample.body,
        timeoutMs: plan.timeoutMs,
      };
    },
    onResult: (result, _job, n) => {
      const bytes = sizes.get(n) ?? 0;
      sizes.delete(n);
      onLine(toLine(plan, n, bytes, result));
    },
  });
}

function freshSample(plan: SendPlan): { contentType: string; body: Buffer } {
  const s = renderSample(plan.event, { set: plan.sets, encoding: plan.encoding });
  return { contentType: s.contentType, body: Buffer.from(s.body, 'utf8') };
}

function dataContentType(plan: SendPlan): string {
  if (!plan.encoding || plan.encoding === plan.event.encoding) return plan.event.contentType;
  return CONTENT_TYPES[plan.encoding];
}
