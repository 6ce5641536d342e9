/**
 * The listener's optional shared-secret check: a token the sender puts in a header or in the
 * query string (Omnidesk and HelpDeskEddy sign nothing, so a secret in the webhook URL is the
 * protection their integrations use). Compared in constant time so the answer's timing does
 * not reveal how much of a guess was right.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { queryParam } from '../capture/headers.js';

export interface SharedSecret {
  value: string;
  /** Lower-case header name carrying the secret… */
  header?: string;
  /** …or the query parameter carrying it. */
  query?: string;
}

export function constantTimeEqual(given: string, expected: string): boolean {
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  // timingSafeEqual throws on unequal lengths; compare b with itself so both paths do the same work.
  if (a.length !== b.length) {
    timingSafeEqual(b, b);
    return false;
  }
  return timingSafeEqual(a, b);
}

export function checkSecret(secret: SharedSecret, headers: IncomingHttpHeaders, query: string): boolean {
  let given: string | undefined;
  if (secret.header) {
    const raw = headers[secret.header];
    given = Array.isArray(raw) ? raw[0] : raw;
    // `Authorization: Bearer <token>` is the common way to carry a token in a header.
    if (given !== undefined && secret.header === 'authorization' && /^bearer\s+/i.test(given))
      given = given.replace(/^bearer\s+/i, '');
  } else if (secret.query) {
    given = queryParam(query, secret.query);
  }
  if (given === undefined) {
    constantTimeEqual(secret.value, secret.value);
    return false;
  }
  return constantTimeEqual(given, secret.value);
}
