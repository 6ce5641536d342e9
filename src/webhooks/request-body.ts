/**
 * Reads a request body with a size limit and a share of the listener's byte budget, without
 * ever throwing: the listener must record every request, including the ones that were too
 * large, that came while the budget was spent, or that the client abandoned. Counting bytes on
 * 'data' (not only trusting Content-Length) is what catches chunked bodies.
 */
import type { IncomingMessage } from 'node:http';
import type { ByteBudget } from '../server/limits.js';

export type BodyOutcome =
  | { kind: 'complete'; bytes: Buffer; held: number }
  | { kind: 'too-large'; received: number; held: number }
  | { kind: 'busy'; received: number; held: number }
  | { kind: 'aborted'; received: number; bytes: Buffer; held: number };

/**
 * `held` is what the body took from `budget`; the caller gives it back once the request is
 * answered (a complete body stays in memory until then: forwarded, recorded, answered).
 */
export function readRequestBody(req: IncomingMessage, limit: number, budget?: ByteBudget): Promise<BodyOutcome> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let received = 0;
    let held = 0;
    let settled = false;
    // Plain listeners removed by hand: `once` wraps each one, and this runs for every request.
    const settle = (outcome: BodyOutcome) => {
      settled = true;
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('close', onClose);
      resolve(outcome);
    };
    // Stop buffering; the caller answers (413 or 503) and closes the connection.
    const refuse = (kind: 'too-large' | 'busy') => {
      chunks.length = 0;
      budget?.give(held);
      held = 0;
      settle({ kind, received, held });
      req.resume();
    };
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > limit) return refuse('too-large');
      if (budget) {
        if (!budget.take(chunk.length)) return refuse('busy');
        held += chunk.length;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      if (!settled)
        settle({ kind: 'complete', bytes: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, received), held });
    };
    // 'close' without 'end' is a client that hung up (or was cut off by a timeout) mid-body.
    const onClose = () => {
      if (!settled) settle({ kind: 'aborted', received, bytes: Buffer.concat(chunks), held });
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('close', onClose);
    // A reset socket surfaces as 'error' on the request; 'close' follows, so only swallow it here.
    req.on('error', ignore);
  });
}

function ignore(): void {}

/** `Content-Length` when present and numeric, so an oversized body is refused before it is read. */
export function declaredLength(req: IncomingMessage): number | undefined {
  const raw = req.headers['content-length'];
  if (raw === undefined) return undefined;
  const n = Number(raw);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}
