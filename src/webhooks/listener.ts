/**
 * The local webhook receiver behind `omnibot listen`. Every request — valid, invalid, too
 * large, unauthorised, abandoned mid-body, or too broken to parse — leaves exactly one capture
 * record, handed to `onRecord` before the client gets its answer, and a 2xx goes out only once
 * `onRecord` has succeeded: a record that could not be stored (a full disk) is answered 503, so
 * the sender retries. Memory is bounded: open connections and the bytes of bodies in flight are
 * capped (503 past either). Timeouts are short enough that a stalled client cannot pin a socket.
 */
import { createServer, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { CaptureRecord } from '../capture/record.js';
import { DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_PENDING_BYTES } from '../server/guard.js';
import { ByteBudget, capConnections, isRefused } from '../server/limits.js';
import { answerRaw, describeClientError } from './client-errors.js';
import { UNDETECTED, type Detector, type EventSummary } from './detection.js';
import { forwardRequest, type ProxyAnswer } from './forward.js';
import { RecordBuilder } from './listener-record.js';
import { declaredLength, readRequestBody, type BodyOutcome } from './request-body.js';
import { checkSecret, type SharedSecret } from './secret-check.js';
import { splitTarget, underPrefix } from './target-url.js';

export interface ListenerOptions {
  host: string;
  port: number;
  pathPrefix?: string;
  status: number;
  maxBody: number;
  secret?: SharedSecret;
  keepSecrets?: boolean;
  forwardTo?: URL;
  forwardTimeoutMs?: number;
  headersTimeoutMs?: number;
  requestTimeoutMs?: number;
  /** Open connections at once; the next one gets a 503 (default 512). */
  maxConnections?: number;
  /** Bytes of request bodies in flight at once; a body over it gets a 503 (default 64 MiB). */
  maxPendingBytes?: number;
  detect: Detector;
  /** Stores and prints a record; the client is answered once this settles. */
  onRecord: (record: CaptureRecord, summary: EventSummary) => Promise<void> | void;
  /** A record could not be stored (disk full…): its request is answered 503. */
  onRecordError?: (err: Error, record: CaptureRecord) => void;
}

export interface RunningListener {
  url: string;
  port: number;
  /** Stops accepting, lets in-flight requests finish (forcing them after `graceMs`), and resolves. */
  close(graceMs?: number): Promise<void>;
}

/**
 * Flags on a socket: BUSY while a request body on it is being read, TIMED_OUT once 'clientError'
 * reported a timeout for it. Plain properties: a WeakSet costs more on every request.
 */
const BUSY = Symbol('omnibot.listener.busy');
const TIMED_OUT = Symbol('omnibot.listener.timedOut');
type FlaggedSocket = Socket & { [BUSY]?: boolean; [TIMED_OUT]?: boolean };

const JSON_TYPE = 'application/json';
const stored = (): true => true;
const NOT_RECORDED = '{"error":"the request could not be recorded (capture file not writable); retry later"}';
const BUSY_BODY = '{"error":"server busy: too many request bodies in flight; retry later"}';

export async function startListener(options: ListenerOptions): Promise<RunningListener> {
  const headersTimeout = options.headersTimeoutMs ?? 10_000;
  const requestTimeout = Math.max(options.requestTimeoutMs ?? 30_000, headersTimeout);
  const server = createServer({
    headersTimeout,
    requestTimeout,
    keepAliveTimeout: 5_000,
    // Timeouts are enforced on this interval (Node's default of 30 s would let stalls linger).
    connectionsCheckingInterval: Math.min(1_000, headersTimeout),
  });
  capConnections(server, options.maxConnections ?? DEFAULT_MAX_CONNECTIONS);
  const budget = new ByteBudget(Math.max(options.maxPendingBytes ?? DEFAULT_MAX_PENDING_BYTES, options.maxBody));
  const builder = new RecordBuilder({
    keepSecrets: options.keepSecrets,
    secretHeader: options.secret?.header,
    secretQuery: options.secret?.query,
  });

  // Requests (and client errors) still being handled; close() waits for them.
  let inFlight = 0;
  let drainedWaiters: Array<() => void> = [];
  let closing = false;
  const track = (work: Promise<void>) => {
    inFlight += 1;
    void work.then(settled, settled);
  };
  function settled(): void {
    inFlight -= 1;
    if (inFlight === 0 && drainedWaiters.length > 0) {
      const waiters = drainedWaiters;
      drainedWaiters = [];
      for (const wake of waiters) wake();
    }
  }
  const drained = () =>
    inFlight === 0 ? Promise.resolve() : new Promise<void>((resolve) => drainedWaiters.push(resolve));

  const failed = (err: unknown, record: CaptureRecord): false => {
    options.onRecordError?.(err as Error, record);
    return false;
  };
  /** True once the record is stored; false (reported) when it could not be. No async frame: it runs per request. */
  const store = (record: CaptureRecord, summary: EventSummary): Promise<boolean> | boolean => {
    let pending: Promise<void> | void;
    try {
      pending = options.onRecord(record, summary);
    } catch (err) {
      return failed(err, record);
    }
    return pending ? pending.then(stored, (err: unknown) => failed(err, record)) : true;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const started = performance.now();
    const socket = req.socket as FlaggedSocket;
    socket[BUSY] = true;
    const { path, query: rawQuery } = splitTarget(req.url ?? '/');
    const headers = req.headers;
    const record = builder.start(req.method ?? 'GET', path, rawQuery, headers, req.rawHeaders);
    const declared = declaredLength(req);
    const body: BodyOutcome =
      declared !== undefined && declared > options.maxBody
        ? { kind: 'too-large', received: 0, held: 0 }
        : await readRequestBody(req, options.maxBody, budget);
    socket[BUSY] = false;
    const ms = () => Math.round((performance.now() - started) * 10) / 10;
    try {
      if (body.kind === 'complete') return await complete(req, res, record, body.bytes, path, rawQuery, ms);
      record.event = null;
      record.valid = false;
      if (body.kind === 'aborted') {
        const late = socket[TIMED_OUT] === true;
        builder.setBody(record, body.bytes);
        record.response = { status: late ? 408 : 499, ms: ms() };
        record.bytes = body.received;
        record.aborted = true;
        record.error = late ? 'request body not received in time' : 'client hung up before the body was complete';
        await store(record, {});
        return;
      }
      const status = body.kind === 'too-large' ? 413 : 503;
      record.response = { status, ms: ms() };
      record.bytes = Math.max(body.received, declared ?? 0);
      record.truncated = true;
      if (status === 503) record.error = `server busy: request bodies in flight over ${budget.limit} bytes`;
      const text =
        status === 413 ? JSON.stringify({ error: `body over the ${options.maxBody}-byte limit` }) : BUSY_BODY;
      const stored = await store(record, {});
      reply(res, stored ? status : 503, stored ? text : NOT_RECORDED, true);
    } finally {
      budget.give(body.held);
    }
  };

  async function complete(
    req: IncomingMessage,
    res: ServerResponse,
    record: CaptureRecord,
    bytes: Buffer,
    path: string,
    query: string,
    ms: () => number,
  ) {
    const headers = req.headers;
    // Hand the detector the text already decoded for the record, so the body is decoded once.
    const text = builder.setBody(record, bytes);
    const detection = options.detect(headers['content-type'] ?? '', text ?? bytes) ?? UNDETECTED;
    const pathOk = underPrefix(path, options.pathPrefix);
    const authOk = options.secret ? checkSecret(options.secret, headers, query) : undefined;
    const status = !pathOk ? 404 : authOk === false ? 401 : options.status;
    record.event = detection.event;
    if (detection.candidates) record.candidates = detection.candidates;
    record.valid = detection.valid;
    record.response = { status, ms: 0 };
    record.bytes = bytes.length;
    if (authOk !== undefined) record.auth = authOk ? 'ok' : 'fail';
    let proxied: ProxyAnswer | undefined;
    if (options.forwardTo && status === options.status) {
      proxied = await forwardRequest(options.forwardTo, req, path, query, bytes, options.forwardTimeoutMs);
      record.response.status = proxied.status;
      record.forward = proxied.result;
    }
    record.response.ms = ms();
    if (!(await store(record, detection.summary))) return reply(res, 503, NOT_RECORDED, closing);
    if (proxied) return replyWith(res, proxied.status, proxied.headers, proxied.body, closing);
    const message =
      status === 404
        ? JSON.stringify({ error: `not under ${options.pathPrefix}` })
        : status === 401
          ? '{"error":"shared secret missing or wrong"}'
          : // The id is a UUID: nothing in it needs escaping.
            `{"ok":true,"id":"${record.id}"}`;
    reply(res, status, message, closing);
  }

  server.on('request', onRequest);
  // `Expect: 100-continue` with a body over the limit gets its 413 before the client sends it.
  server.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => {
    const declared = declaredLength(req);
    if (declared === undefined || declared <= options.maxBody) res.writeContinue();
    onRequest(req, res);
  });

  function onRequest(req: IncomingMessage, res: ServerResponse): void {
    if (isRefused(req.socket)) {
      res.destroy();
      return;
    }
    track(
      handle(req, res).catch(() => {
        // handle() records before it answers and never throws by design; a bug must not crash the
        // listener, and an unrecorded request must not look recorded: 503, so the sender retries.
        if (!res.headersSent) reply(res, 503, NOT_RECORDED, true);
      }),
    );
  }

  server.on('clientError', (err: Error & { code?: string; rawPacket?: Buffer }, socket: Socket) => {
    if ((socket as FlaggedSocket)[BUSY]) {
      // A request on this socket is mid-body: cutting the socket makes its handler record the abort.
      if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') (socket as FlaggedSocket)[TIMED_OUT] = true;
      socket.destroy();
      return;
    }
    const info = describeClientError(err);
    if (!info || isRefused(socket)) {
      socket.destroy();
      return;
    }
    // A request cut short before its request line has no path: record '' rather than invent '/'.
    const target = info.target === '' ? { path: '', query: '' } : splitTarget(info.target);
    const record = builder.start(info.method, target.path, target.query, {});
    record.event = null;
    record.valid = false;
    record.response = { status: info.status, ms: 0 };
    record.bytes = info.rawBytes;
    record.error = info.error;
    if (info.aborted) record.aborted = true;
    track(
      Promise.resolve(store(record, {})).then(() => {
        if (info.answer) answerRaw(socket, info.status);
        else socket.destroy();
      }),
    );
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://${displayHost(options.host)}:${port}${options.pathPrefix && options.pathPrefix !== '/' ? options.pathPrefix : '/'}`,
    port,
    async close(graceMs = 5_000) {
      closing = true;
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const deadline = new Promise<'late'>((resolve) => setTimeout(resolve, graceMs, 'late').unref());
      while (inFlight > 0) {
        const outcome = await Promise.race([drained().then(() => 'done' as const), deadline]);
        if (outcome === 'late') {
          // Stalled clients: cut them; their handlers record the abort, which we still await.
          server.closeAllConnections();
          await drained();
          break;
        }
      }
      server.closeAllConnections();
      await stopped;
    },
  };
}

/** Answers with a JSON text. */
function reply(res: ServerResponse, status: number, text: string, close: boolean): void {
  if (res.headersSent || res.destroyed) return;
  // A flat name/value list: Node takes it as it is, with no object to walk per answer.
  const length = String(Buffer.byteLength(text));
  const headers =
    status === 503
      ? ['content-type', JSON_TYPE, 'content-length', length, 'retry-after', '1', 'connection', 'close']
      : close
        ? ['content-type', JSON_TYPE, 'content-length', length, 'connection', 'close']
        : ['content-type', JSON_TYPE, 'content-length', length];
  res.writeHead(status, headers);
  res.end(text);
}

/** Answers with the bot's own status, headers and body (a proxied request). */
function replyWith(
  res: ServerResponse,
  status: number,
  headers: OutgoingHttpHeaders,
  body: Buffer,
  close: boolean,
): void {
  if (res.headersSent || res.destroyed) return;
  if (close) headers.connection = 'close';
  res.writeHead(status, headers);
  res.end(body);
}

/** The address a client should use: a wildcard bind is reachable on loopback. */
function displayHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}
