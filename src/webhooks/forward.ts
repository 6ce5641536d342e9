/**
 * `listen --forward-to` is a proxy: the same method, bytes and headers (minus hop-by-hop ones)
 * go on to the bot, and the sender gets the bot's answer — its status, headers and body — so an
 * endpoint check in front of a broken bot fails as it would without the listener. When no
 * answer comes (refused, timed out, cut off) the sender gets a 502 with a short reason. The bot
 * gets credentials as sent — it may well check them — but the capture record never shows them.
 */
import type { IncomingMessage, OutgoingHttpHeaders } from 'node:http';
import { forwardHeaders, HOP_BY_HOP_HEADERS } from '../capture/headers.js';
import { FORWARD_BODY_KEPT, type ForwardResult } from '../capture/record.js';
import { isUtf8 } from 'node:buffer';
import { sendRequest } from '../core/http/send.js';
import { joinTarget } from './target-url.js';

export interface ProxyAnswer {
  /** What the record keeps of the forward. */
  result: ForwardResult;
  /** What the sender is answered with. */
  status: number;
  headers: OutgoingHttpHeaders;
  body: Buffer;
}

/** The bot's answer is relayed whole up to this size; a larger one is a 502 (it was cut). */
const MAX_RELAYED_BYTES = 8 * 1024 * 1024;

export async function forwardRequest(
  base: URL,
  req: IncomingMessage,
  path: string,
  query: string,
  body: Buffer,
  timeoutMs = 10_000,
): Promise<ProxyAnswer> {
  const sent = await sendRequest({
    url: joinTarget(base, path, query),
    method: req.method ?? 'POST',
    headers: forwardHeaders(req.rawHeaders),
    body,
    timeoutMs,
    maxResponseBytes: MAX_RELAYED_BYTES,
  });
  const ms = sent.ms;
  if (sent.status === undefined || sent.truncated) {
    const reason = sent.truncated
      ? `the bot's answer was over ${MAX_RELAYED_BYTES} bytes`
      : (sent.reason ?? 'no answer');
    const text = JSON.stringify({ error: `forward to the bot failed: ${reason}` });
    return {
      result: { status: sent.status ?? 0, ms, error: reason },
      status: 502,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) },
      body: Buffer.from(text),
    };
  }
  const headers: OutgoingHttpHeaders = {};
  for (const name of Object.keys(sent.headers)) {
    if (!HOP_BY_HOP_HEADERS.has(name)) headers[name] = sent.headers[name];
  }
  headers['content-length'] = sent.body.length;
  const head = sent.body.subarray(0, FORWARD_BODY_KEPT);
  const result: ForwardResult = {
    status: sent.status,
    ms,
    ...(head.length && isUtf8(sent.body) ? { body: head.toString('utf8') } : {}),
  };
  return { result, status: sent.status, headers, body: sent.body };
}
