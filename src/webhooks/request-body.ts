/**
 * Reads a request body with a size limit, without ever throwing: the listener must record
 * every request, including the ones that were too large or that the client abandoned.
 * Counting bytes on 'data' (not only trusting Content-Length) is what catches chunked bodies.
 */
import type { IncomingMessage } from 'node:http';

export type BodyOutcome =
  | { kind: 'complete'; bytes: Buffer }
  | { kind: 'too-large'; received: number }
  | { kind: 'aborted'; received: number; bytes: Buffer };

export function readRequestBody(req: IncomingMessage, limit: number): Promise<BodyOutcome> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let received = 0;
    let settled = false;
    const settle = (outcome: BodyOutcome) => {
      if (settled) return;
      settled = true;
      req.off('data', onData);
      resolve(outcome);
    };
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > limit) {
        chunks.length = 0;
        // Stop buffering; the caller answers 413 and closes the connection.
        settle({ kind: 'too-large', received });
        req.resume();
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => settle({ kind: 'complete', bytes: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, received) }));
    // 'close' without 'end' is a client that hung up (or was cut off by a timeout) mid-body.
    req.once('close', () => settle({ kind: 'aborted', received, bytes: Buffer.concat(chunks) }));
    // A reset socket surfaces as 'error' on the request; 'close' follows, so only swallow it here.
    req.once('error', () => undefined);
  });
}

/** `Content-Length` when present and numeric, so an oversized body is refused before it is read. */
export function declaredLength(req: IncomingMessage): number | undefined {
  const raw = req.headers['content-length'];
  if (raw === undefined) return undefined;
  const n = Number(raw);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}
