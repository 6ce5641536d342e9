/**
 * The request/reply vocabulary shared by the sandbox servers. Handlers return a `Reply` (or throw
 * an `HttpError`) instead of writing to the response, so the server skeleton can add the common
 * headers, apply faults and delays, log the request, and only then send.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ByteBudget } from './limits.js';

export interface Reply {
  status: number;
  /** Serialised as JSON unless `text` is given (a Buffer for files the sandbox serves). */
  body?: unknown;
  text?: string | Buffer;
  headers?: Record<string, string>;
}

/** A failure with the exact reply the helpdesk would give (its own error body format). */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(`HTTP ${status}`);
  }
}

export function json(status: number, body: unknown, headers?: Record<string, string>): Reply {
  return { status, body, headers };
}

/** Bodies above this are refused: nothing omnibot sends comes close, and memory is shared. */
const MAX_BODY_BYTES = 10 * 1024 * 1024;

export class BodyTooLargeError extends Error {}
/** The bytes of unfinished bodies the server holds are at their cap: answer 503. */
export class ServerBusyError extends Error {}
/** The client hung up (or was cut off) before its body was complete: nobody to answer. */
export class ClientGoneError extends Error {}

export interface ReadBodyOptions {
  limit?: number;
  /** Shared by every request of the server; bytes count against it until the body is complete. */
  budget?: ByteBudget;
}

/** The whole body; rejects with one of the three errors above, never with a stream error. */
export function readBody(req: IncomingMessage, options: ReadBodyOptions = {}): Promise<Buffer> {
  const limit = options.limit ?? MAX_BODY_BYTES;
  const budget = options.budget;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (err: Error | undefined) => {
      if (done) return;
      done = true;
      budget?.give(size);
      req.off('data', onData);
      if (!err) return resolve(Buffer.concat(chunks, size));
      chunks.length = 0;
      reject(err);
    };
    const onData = (chunk: Buffer) => {
      if (size + chunk.length > limit) return stop(new BodyTooLargeError(`body larger than ${limit} bytes`));
      if (budget && !budget.take(chunk.length)) return stop(new ServerBusyError('too many unfinished request bodies'));
      size += chunk.length;
      chunks.push(chunk);
    };
    // Refused mid-body: the rest is read and dropped (so the answer can still reach the client),
    // and the connection closes after the answer.
    const stop = (err: Error) => {
      finish(err);
      req.resume();
    };
    req.on('data', onData);
    req.once('end', () => finish(undefined));
    req.once('close', () => finish(new ClientGoneError('client hung up before the body was complete')));
    req.on('error', () => finish(new ClientGoneError('client hung up before the body was complete')));
  });
}

/**
 * Parses a JSON body. An empty body is `{}` (PUT …/trash.json has none); anything unparsable
 * becomes the given error reply.
 */
export function parseJsonBody(body: Buffer, onError: () => HttpError): unknown {
  const text = body.toString('utf8').trim();
  if (!text) return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw onError();
  }
}

export function sendReply(res: ServerResponse, reply: Reply, common: Record<string, string>): void {
  const payload = reply.text ?? (reply.body === undefined ? '' : JSON.stringify(reply.body));
  const headers: Record<string, string | number> = { ...common, ...reply.headers };
  if (reply.text === undefined && reply.body !== undefined)
    headers['content-type'] ??= 'application/json; charset=utf-8';
  headers['content-length'] = Buffer.byteLength(payload);
  res.writeHead(reply.status, headers);
  res.end(payload);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True for connections from this machine: the admin path answers nobody else. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}
