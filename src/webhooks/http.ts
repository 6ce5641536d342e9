/**
 * The one outbound HTTP path for webhooks (send, replay, forward, verify's endpoint checks).
 * A request never throws for a network reason: a batch of a thousand sends must report the one
 * that failed and carry on, so failures come back as a result with `error` that names the URL
 * and the cause. Every request has a deadline, because a bot that stalls must not hang CI.
 */
import { Agent, request } from 'undici';

export type OutboundHeaders = Record<string, string | string[] | undefined> | Array<[string, string]>;

export interface SendRequestOptions {
  url: string;
  method?: string;
  headers?: OutboundHeaders;
  body?: Buffer | string;
  /** Deadline for the whole exchange, connect to last response byte. Default 10 s. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Response bytes kept (the rest is read and dropped). Default 1 MiB. */
  maxResponseBytes?: number;
}

export interface SendResult {
  url: string;
  method: string;
  /** Absent when no response arrived (see `error`). */
  status?: number;
  ms: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
  /** True when the response was longer than `maxResponseBytes`. */
  truncated?: boolean;
  /** Why no (complete) response arrived: names the URL and the cause. */
  error?: string;
  /** A short machine code: ECONNREFUSED, timeout, aborted, … */
  errorCode?: string;
}

export const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_MAX_RESPONSE = 1024 * 1024;

/**
 * Headers undici refuses or computes itself. The body is sent as the exact bytes given, so its
 * length is recomputed; `host` belongs to the original target, not this one.
 */
const DROPPED = new Set(['host', 'content-length', 'connection', 'transfer-encoding', 'keep-alive', 'upgrade', 'expect', 'te', 'trailer', 'proxy-connection']);

let shared: Agent | undefined;

/** One pool of keep-alive connections for the whole process, so a batch reuses sockets. */
export function sharedAgent(): Agent {
  shared ??= new Agent({
    connections: 256,
    keepAliveTimeout: 4_000,
    // Each request's own deadline (timeoutMs) governs; this only bounds a connect that outlives it.
    connect: { timeout: 60_000 },
  });
  return shared;
}

/** Closes the shared pool; commands defer this so idle sockets do not hold the process open. */
export async function closeSharedAgent(): Promise<void> {
  const agent = shared;
  shared = undefined;
  if (agent) await agent.close().catch(() => undefined);
}

function headerPairs(headers: OutboundHeaders | undefined): string[] {
  const flat: string[] = [];
  const push = (name: string, value: string | string[] | undefined) => {
    if (value === undefined || DROPPED.has(name.toLowerCase())) return;
    for (const v of Array.isArray(value) ? value : [value]) flat.push(name, v);
  };
  if (Array.isArray(headers)) for (const [k, v] of headers) push(k, v);
  else if (headers) for (const [k, v] of Object.entries(headers)) push(k, v);
  return flat;
}

function responseHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(raw)) if (v !== undefined) out[k] = v;
  return out;
}

function describeFailure(err: unknown, timedOut: boolean, timeoutMs: number, aborted: boolean): { code: string; text: string } {
  if (timedOut) return { code: 'timeout', text: `no complete response within ${timeoutMs} ms` };
  if (aborted) return { code: 'aborted', text: 'cancelled' };
  const e = err as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = e?.code ?? e?.cause?.code ?? 'network';
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') {
    return { code: 'timeout', text: `no complete response within ${timeoutMs} ms (${code})` };
  }
  let text = e?.message || String(err);
  if (e?.cause?.message && !text.includes(e.cause.message)) text += `: ${e.cause.message}`;
  if (code && !text.includes(code)) text += ` (${code})`;
  return { code, text };
}

async function readCapped(body: AsyncIterable<Buffer>, max: number): Promise<{ body: Buffer; truncated: boolean }> {
  const chunks: Buffer[] = [];
  let kept = 0;
  let truncated = false;
  for await (const chunk of body) {
    if (kept >= max) {
      truncated = true;
      continue;
    }
    const room = max - kept;
    const part = chunk.length > room ? chunk.subarray(0, room) : chunk;
    if (part.length < chunk.length) truncated = true;
    chunks.push(part);
    kept += part.length;
  }
  return { body: Buffer.concat(chunks, kept), truncated };
}

export async function sendRequest(options: SendRequestOptions): Promise<SendResult> {
  const method = (options.method ?? 'POST').toUpperCase();
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const deadline = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    deadline.abort();
  }, timeoutMs);
  const onOuterAbort = () => deadline.abort();
  options.signal?.addEventListener('abort', onOuterAbort, { once: true });
  if (options.signal?.aborted) deadline.abort();

  try {
    const body = options.body === undefined || method === 'GET' || method === 'HEAD' ? undefined : options.body;
    const res = await request(options.url, {
      dispatcher: sharedAgent(),
      method: method as 'POST',
      headers: headerPairs(options.headers),
      body,
      signal: deadline.signal,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
    const read = await readCapped(res.body, options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE);
    return {
      url: options.url,
      method,
      status: res.statusCode,
      ms: elapsed(),
      headers: responseHeaders(res.headers),
      body: read.body,
      ...(read.truncated ? { truncated: true } : {}),
    };
  } catch (err) {
    const failure = describeFailure(err, timedOut, timeoutMs, Boolean(options.signal?.aborted));
    return {
      url: options.url,
      method,
      ms: elapsed(),
      headers: {},
      body: Buffer.alloc(0),
      error: `${method} ${options.url} failed: ${failure.text}`,
      errorCode: failure.code,
    };
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onOuterAbort);
  }
}

/** A 2xx answer: what every helpdesk counts as delivered. */
export function isSuccess(result: SendResult): boolean {
  return result.error === undefined && result.status !== undefined && result.status >= 200 && result.status < 300;
}
