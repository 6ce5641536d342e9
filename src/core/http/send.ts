/**
 * The one outbound HTTP path for webhooks (send, replay, forward, verify's endpoint checks).
 * A request never throws for a network reason: a batch of a thousand sends must report the one
 * that failed and carry on, so failures come back as a result with `error` that names the URL
 * and the cause. Every request has a deadline, because a bot that stalls must not hang CI.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { Agent, type Dispatcher } from 'undici';

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
  /** The cause alone, without the method and URL (which may carry a token): for a proxy's 502. */
  reason?: string;
  /** A short machine code: ECONNREFUSED, timeout, aborted, … */
  errorCode?: string;
}

export const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_MAX_RESPONSE = 1024 * 1024;

/**
 * Headers undici refuses or computes itself. The body is sent as the exact bytes given, so its
 * length is recomputed; `host` belongs to the original target, not this one.
 */
const DROPPED = new Set([
  'host',
  'content-length',
  'connection',
  'transfer-encoding',
  'keep-alive',
  'upgrade',
  'expect',
  'te',
  'trailer',
  'proxy-connection',
]);

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

function describeFailure(err: unknown, timeoutMs: number): { code: string; text: string } {
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

const NO_BODY = Buffer.alloc(0);

/** Why an exchange ended early: our own deadline, or the caller cancelled it. */
class Stop extends Error {
  constructor(readonly kind: 'timeout' | 'aborted') {
    super(kind === 'timeout' ? 'deadline' : 'cancelled');
  }
}

/**
 * One request/response exchange as an undici dispatch handler: the answer is collected straight
 * from the parser's chunks (no Readable, no async iterator), the deadline is one timer that
 * aborts through undici's own controller, and nothing listens on a caller's AbortSignal.
 */
class Exchange implements Dispatcher.DispatchHandler {
  readonly result: Promise<SendResult>;
  private resolve!: (result: SendResult) => void;
  private controller: Dispatcher.DispatchController | undefined;
  private stopped: Stop | undefined;
  private settled = false;
  private status: number | undefined;
  private headers: Record<string, string | string[]> = {};
  private chunks: Buffer[] = [];
  private kept = 0;
  private truncated = false;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly url: string,
    private readonly method: string,
    private readonly timeoutMs: number,
    private readonly maxBytes: number,
    private readonly started: number,
  ) {
    this.result = new Promise<SendResult>((resolve) => (this.resolve = resolve));
    this.timer = setTimeout(() => this.stop('timeout'), timeoutMs);
  }

  /** Ends the exchange now (deadline or cancel): the result is settled at once. */
  stop(kind: 'timeout' | 'aborted'): void {
    if (this.settled) return;
    this.stopped = new Stop(kind);
    // Before the request reached a socket there is no controller yet: onRequestStart aborts.
    this.controller?.abort(this.stopped);
    this.fail(this.stopped);
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller;
    if (this.stopped) controller.abort(this.stopped);
  }

  onResponseStart(_controller: Dispatcher.DispatchController, statusCode: number, headers: IncomingHttpHeaders): void {
    // 1xx informational answers come before the real one.
    if (statusCode < 200) return;
    this.status = statusCode;
    this.headers = headers as Record<string, string | string[]>;
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    const room = this.maxBytes - this.kept;
    if (room <= 0) {
      this.truncated = true;
      return;
    }
    const part = chunk.length > room ? chunk.subarray(0, room) : chunk;
    if (part.length < chunk.length) this.truncated = true;
    this.chunks.push(part);
    this.kept += part.length;
  }

  onResponseEnd(): void {
    if (this.settled) return;
    this.settled = true;
    clearTimeout(this.timer);
    const chunks = this.chunks;
    const result: SendResult = {
      url: this.url,
      method: this.method,
      status: this.status,
      ms: Math.round(performance.now() - this.started),
      headers: this.headers,
      body: chunks.length === 0 ? NO_BODY : chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, this.kept),
    };
    if (this.truncated) result.truncated = true;
    this.chunks = [];
    this.resolve(result);
  }

  onResponseError(_controller: Dispatcher.DispatchController, err: Error): void {
    this.fail(err);
  }

  fail(err: unknown): void {
    if (this.settled) return;
    this.settled = true;
    clearTimeout(this.timer);
    this.chunks = [];
    const failure =
      err instanceof Stop
        ? err.kind === 'timeout'
          ? { code: 'timeout', text: `no complete response within ${this.timeoutMs} ms` }
          : { code: 'aborted', text: 'cancelled' }
        : describeFailure(err, this.timeoutMs);
    this.resolve({
      url: this.url,
      method: this.method,
      ms: Math.round(performance.now() - this.started),
      headers: {},
      body: NO_BODY,
      error: `${this.method} ${this.url} failed: ${failure.text}`,
      reason: failure.text,
      errorCode: failure.code,
    });
  }
}

/** A request in flight: its result (never rejects) and a way to cancel it. */
export interface PendingRequest {
  result: Promise<SendResult>;
  /** Ends the request now; its result says `aborted`. */
  cancel(): void;
}

interface Target {
  origin: string;
  path: string;
}

/** The last URL parsed: a batch (send --count, replay) usually targets one URL over and over. */
let lastUrl: string | undefined;
let lastTarget: Target | undefined;

/** `origin` and `path` as undici's request() derives them from a URL string. */
function target(url: string): Target {
  if (url === lastUrl) return lastTarget!;
  const parsed = new URL(url);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new TypeError('Invalid URL protocol: the URL must start with `http:` or `https:`.');
  }
  const found = { origin: parsed.origin, path: parsed.search ? `${parsed.pathname}${parsed.search}` : parsed.pathname };
  lastUrl = url;
  lastTarget = found;
  return found;
}

/**
 * Starts a request. The lower-level form of `sendRequest` for callers that run many at once
 * (sendMany): cancelling goes through `cancel()`, so a thousand requests do not each hang a
 * listener on one AbortSignal.
 */
export function startRequest(options: SendRequestOptions): PendingRequest {
  const method = (options.method ?? 'POST').toUpperCase();
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const exchange = new Exchange(
    options.url,
    method,
    timeoutMs,
    options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE,
    performance.now(),
  );
  try {
    const { origin, path } = target(options.url);
    // A GET may carry a body (replay re-sends what came in); only HEAD never does.
    const body = options.body === undefined || method === 'HEAD' ? null : options.body;
    sharedAgent().dispatch(
      {
        origin,
        path,
        method: method,
        headers: headerPairs(options.headers),
        body,
        // undici's own per-phase timers; the exchange's deadline covers the whole.
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      },
      exchange,
    );
  } catch (err) {
    exchange.fail(err);
  }
  return { result: exchange.result, cancel: () => exchange.stop('aborted') };
}

export async function sendRequest(options: SendRequestOptions): Promise<SendResult> {
  const signal = options.signal;
  if (signal?.aborted) return cancelledResult(options);
  const pending = startRequest(options);
  if (!signal) return pending.result;
  const onAbort = () => pending.cancel();
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    return await pending.result;
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

/** The result of a request cancelled before it started. */
export function cancelledResult(options: Pick<SendRequestOptions, 'url' | 'method'>): SendResult {
  const method = (options.method ?? 'POST').toUpperCase();
  return {
    url: options.url,
    method,
    ms: 0,
    headers: {},
    body: NO_BODY,
    error: `${method} ${options.url} failed: cancelled`,
    errorCode: 'aborted',
  };
}

/** A 2xx answer: what every helpdesk counts as delivered. */
export function isSuccess(result: SendResult): boolean {
  return result.error === undefined && result.status !== undefined && result.status >= 200 && result.status < 300;
}
