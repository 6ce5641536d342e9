/**
 * The local webhook receiver behind `omnibot listen`. Every request — valid, invalid, too
 * large, unauthorised, abandoned mid-body, or too broken to parse — leaves exactly one capture
 * record, handed to `onRecord` before the client gets its answer (so a 2xx means "recorded").
 * Timeouts are short enough that a stalled client cannot pin a socket for minutes.
 */
import { isUtf8 } from 'node:buffer';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { captureHeaders, redactQueryParam } from '../capture/headers.js';
import { CAPTURE_VERSION, type CaptureRecord } from '../capture/record.js';
import { answerRaw, describeClientError } from './client-errors.js';
import { UNDETECTED, type Detector, type EventSummary } from './detection.js';
import { forwardRequest } from './forward.js';
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
  detect: Detector;
  /** Stores and prints a record; the client is answered once this settles. */
  onRecord: (record: CaptureRecord, summary: EventSummary) => Promise<void> | void;
  /** A record could not be stored (disk full…); the listener keeps answering. */
  onRecordError?: (err: Error) => void;
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
  const drained = () => (inFlight === 0 ? Promise.resolve() : new Promise<void>((resolve) => drainedWaiters.push(resolve)));

  const store = async (record: CaptureRecord, summary: EventSummary) => {
    try {
      await options.onRecord(record, summary);
    } catch (err) {
      options.onRecordError?.(err as Error);
    }
  };

  const headerPolicy = { keepSecrets: options.keepSecrets, secretHeader: options.secret?.header };
  const secretQuery = options.secret?.query;

  /**
   * The fields every record starts with, in the order the file shows them. The rest are
   * assigned in order by the caller (no spreads: this runs for every request).
   */
  const baseRecord = (method: string, path: string, query: string, headers: NodeJS.Dict<string | string[]>): CaptureRecord =>
    ({
      v: CAPTURE_VERSION,
      id: randomUUID(),
      receivedAt: new Date().toISOString(),
      method,
      path,
      query: options.keepSecrets ? query : redactQueryParam(query, secretQuery),
      headers: captureHeaders(headers, headerPolicy),
    }) as CaptureRecord;

  const setBody = (record: CaptureRecord, bytes: Buffer): string | undefined => {
    if (isUtf8(bytes)) return (record.body = bytes.toString('utf8'));
    record.bodyBase64 = bytes.toString('base64');
    return undefined;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const started = performance.now();
    const socket = req.socket as FlaggedSocket;
    socket[BUSY] = true;
    const { path, query: rawQuery } = splitTarget(req.url ?? '/');
    const headers = req.headers;
    const record = baseRecord(req.method ?? 'GET', path, rawQuery, headers);
    const declared = declaredLength(req);
    const body: BodyOutcome =
      declared !== undefined && declared > options.maxBody ? { kind: 'too-large', received: 0 } : await readRequestBody(req, options.maxBody);
    socket[BUSY] = false;
    const ms = () => Math.round((performance.now() - started) * 10) / 10;

    if (body.kind === 'aborted') {
      const late = socket[TIMED_OUT] === true;
      setBody(record, body.bytes);
      record.event = null;
      record.valid = false;
      record.response = { status: late ? 408 : 499, ms: ms() };
      record.bytes = body.received;
      record.aborted = true;
      record.error = late ? 'request body not received in time' : 'client hung up before the body was complete';
      await store(record, {});
      return;
    }
    if (body.kind === 'too-large') {
      record.event = null;
      record.valid = false;
      record.response = { status: 413, ms: ms() };
      record.bytes = Math.max(body.received, declared ?? 0);
      record.truncated = true;
      await store(record, {});
      reply(res, 413, JSON.stringify({ error: `body over the ${options.maxBody}-byte limit` }), true);
      return;
    }

    const bytes = body.bytes;
    // Hand the detector the text already decoded for the record, so the body is decoded once.
    const text = setBody(record, bytes);
    const detection = options.detect(headers['content-type'] ?? '', text ?? bytes) ?? UNDETECTED;
    const pathOk = underPrefix(path, options.pathPrefix);
    const authOk = options.secret ? checkSecret(options.secret, headers, rawQuery) : undefined;
    const status = !pathOk ? 404 : authOk === false ? 401 : options.status;
    record.event = detection.event;
    record.valid = detection.valid;
    record.response = { status, ms: 0 };
    record.bytes = bytes.length;
    if (authOk !== undefined) record.auth = authOk ? 'ok' : 'fail';
    if (options.forwardTo && status === options.status) {
      record.forward = await forwardRequest(options.forwardTo, req, path, rawQuery, bytes, options.forwardTimeoutMs);
    }
    record.response.ms = ms();
    await store(record, detection.summary);
    const message =
      status === 404
        ? JSON.stringify({ error: `not under ${options.pathPrefix}` })
        : status === 401
          ? '{"error":"shared secret missing or wrong"}'
          : // The id is a UUID: nothing in it needs escaping.
            `{"ok":true,"id":"${record.id}"}`;
    reply(res, status, message, closing);
  };

  server.on('request', onRequest);
  // `Expect: 100-continue` with a body over the limit gets its 413 before the client sends it.
  server.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => {
    const declared = declaredLength(req);
    if (declared === undefined || declared <= options.maxBody) res.writeContinue();
    onRequest(req, res);
  });

  function onRequest(req: IncomingMessage, res: ServerResponse): void {
    track(
      handle(req, res).catch(() => {
        // handle() records before it answers and never throws by design; a bug must not crash the listener.
        if (!res.headersSent) reply(res, 500, '{"error":"internal error"}', true);
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
    if (!info) {
      socket.destroy();
      return;
    }
    // A request cut short before its request line has no path: record '' rather than invent '/'.
    const target = info.target === '' ? { path: '', query: '' } : splitTarget(info.target);
    const record = baseRecord(info.method, target.path, target.query, {});
    record.event = null;
    record.valid = false;
    record.response = { status: info.status, ms: 0 };
    record.bytes = info.rawBytes;
    record.error = info.error;
    if (info.aborted) record.aborted = true;
    track(
      store(record, {}).then(() => {
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
  const length = Buffer.byteLength(text);
  res.writeHead(status, close ? { 'content-type': 'application/json', 'content-length': length, connection: 'close' } : { 'content-type': 'application/json', 'content-length': length });
  res.end(text);
}

/** The address a client should use: a wildcard bind is reachable on loopback. */
function displayHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}
