/**
 * `listen --forward-to`: the same method, bytes and headers (minus hop-by-hop ones) go on to
 * the bot, and the capture records how the bot answered. The bot gets credentials as sent —
 * it may well check them — but the capture record never shows them.
 */
import type { IncomingMessage } from 'node:http';
import { forwardHeaders } from '../capture/headers.js';
import type { ForwardResult } from '../capture/record.js';
import { sendRequest } from './http.js';
import { joinTarget } from './target-url.js';

export async function forwardRequest(
  base: URL,
  req: IncomingMessage,
  path: string,
  query: string,
  body: Buffer,
  timeoutMs = 10_000,
): Promise<ForwardResult> {
  const result = await sendRequest({
    url: joinTarget(base, path, query),
    method: req.method ?? 'POST',
    headers: forwardHeaders(req.headers),
    body,
    timeoutMs,
  });
  const out: ForwardResult = { status: result.status ?? 0, ms: result.ms };
  if (result.error) out.error = result.error;
  return out;
}
