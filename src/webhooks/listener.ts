/**
 * The local webhook receiver behind `omnibot listen`. Every request — valid, invalid, too
 * large, unauthorised, abandoned mid-body, or too broken to parse — leaves exactly one capture
 * record, handed to `onRecord` before the client gets its answer (so a 2xx means "recorded").
 * Timeouts are short enough that a stalled client cannot pin a socket for minutes.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { captureHeaders, redactQueryParam } from '../capture/headers.js';
import { CAPTURE_VERSION, encodeBody, type CaptureRecord } from '../capture/record.js';
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

/** Set on a socket by 'clientError' while a request on it is still being read. */
const timedOut = new WeakSet<Socket>();
const busy = new WeakSet<Socket>();

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
  const inFlight = new Set<Promise<void>>();
  let closing = false;

  const track = (work: Promise<void>) => {
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
  };

  const store = async (record: CaptureRecord, summary: EventSummary) => {
    try {
      await options.onRecord(record, summary);
    } catch (err) {
      options.onRecordError?.(err as Error);
    }
  };

  const baseRecord = (method: string, path: string, query: string, headers: NodeJS.Dict<string | string[]>) => ({
    v: CAPTURE_VERSION,
    id: randomUUID(),
    receivedAt: new Date().toISOString(),
    method,
    path,
    query: options.keepSecrets ? query : redactQueryParam(query, options.secret?.query),
    headers: captureHeaders(headers, { keepSecrets: options.keepSecrets, secretHeader: options.secret?.header }),
  });

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const started = performance.now();
    const socket = req.socket;
    busy.add(socket);
    const { path, query: rawQuery } = splitTarget(req.url ?? '/');
    const base = baseRecord(req.method ?? 'GET', path, rawQuery, req.headers);
    const declared = declaredLength(req);
    const body: BodyOutcome =
      declared !== undefined && declared > options.maxBody ? { kind: 'too-large', received: 0 } : await readRequestBody(req, options.maxBody);
    busy.delete(socket);
    const ms = () => Math.round((performance.now() - started) * 10) / 10;

    if (body.kind === 'aborted') {
      const late = timedOut.has(socket);
      const record: CaptureRecord = {
        ...base,
        ...encodeBody(body.bytes),
        event: null,
        valid: false,
        response: { status: late ? 408 : 499, ms: ms() },
        bytes: body.received,
        aborted: true,
        error: late ? 'request body not received in time' : 'client hung up before the body was complete',
      };
      await store(record, {});
      return;
    }
    if (body.kind === 'too-large') {
      const record: CaptureRecord = {
        ...base,
        event: null,
        valid: false,
        response: { status: 413, ms: ms() },
        bytes: Math.max(body.received, declared ?? 0),
        truncated: true,
      };
      await store(record, {});
      reply(res, 413, { error: `body over the ${options.maxBody}-byte limit` }, true);
      return;
    }

    const bytes = body.bytes;
    const encoded = encodeBody(bytes);
    // Hand the detector the text already decoded for the record, so the body is decoded once.
    const detection = options.detect(req.headers['content-type'] ?? '', 'body' in encoded ? encoded.body : bytes) ?? UNDETECTED;
    const pathOk = underPrefix(base.path, options.pathPrefix);
    const authOk = options.secret ? checkSecret(options.secret, req.headers, rawQuery) : undefined;
    const status = !pathOk ? 404 : authOk === false ? 401 : options.status;
    const record: CaptureRecord = {
      ...base,
      ...encoded,
      event: detection.event,
      valid: detection.valid,
      response: { status, ms: 0 },
      bytes: bytes.length,
      ...(authOk === undefined ? {} : { auth: authOk ? ('ok' as const) : ('fail' as const) }),
    };
    if (options.forwardTo && status === options.status) {
      record.forward = await forwardRequest(options.forwardTo, req, base.path, rawQuery, bytes, options.forwardTimeoutMs);
    }
    record.response.ms = ms();
    await store(record, detection.summary);
    const message = status === 404 ? { error: `not under ${options.pathPrefix}` } : status === 401 ? { error: 'shared secret missing or wrong' } : { ok: true, id: record.id };
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
        if (!res.headersSent) reply(res, 500, { error: 'internal error' }, true);
      }),
    );
  }

  server.on('clientError', (err: Error & { code?: string; rawPacket?: Buffer }, socket: Socket) => {
    if (busy.has(socket)) {
      // A request on this socket is mid-body: cutting the socket makes its handler record the abort.
      if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') timedOut.add(socket);
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
    const base = baseRecord(info.method, target.path, target.query, {});
    const record: CaptureRecord = {
      ...base,
      event: null,
      valid: false,
      response: { status: info.status, ms: 0 },
      bytes: info.rawBytes,
      error: info.error,
      ...(info.aborted ? { aborted: true } : {}),
    };
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
      while (inFlight.size > 0) {
        const outcome = await Promise.race([Promise.all([...inFlight]).then(() => 'done' as const), deadline]);
        if (outcome === 'late') {
          // Stalled clients: cut them; their handlers record the abort, which we still await.
          server.closeAllConnections();
          await Promise.all([...inFlight]);
          break;
        }
      }
      server.closeAllConnections();
      await stopped;
    },
  };
}

function reply(res: ServerResponse, status: number, body: unknown, close: boolean): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  const headers: Record<string, string | number> = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) };
  if (close) headers.connection = 'close';
  res.writeHead(status, headers);
  res.end(text);
}

/** The address a client should use: a wildcard bind is reachable on loopback. */
function displayHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}
