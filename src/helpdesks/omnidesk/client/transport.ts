/**
 * The seam between the Omnidesk endpoints (`endpoints.ts`, pure) and the wire (`http.ts`, the
 * only undici user). Tests can drive the endpoints with a fake transport.
 */
import type { BackoffOptions } from '../../../core/http/backoff.js';
import type { QueryParams } from '../../../core/http/query.js';
import type { RateInfo } from './types.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface TransportRequest {
  method: HttpMethod;
  /** Absolute path on the account's origin, e.g. `/api/labels.json`. */
  path: string;
  query?: QueryParams;
  /** Serialised as JSON; already wrapped in its entity key by the caller. */
  body?: unknown;
  /** Sandbox admin path: sent without credentials and outside the rate limiter. */
  admin?: boolean;
}

export interface RetryPolicy {
  maxAttempts: number;
  backoff: BackoffOptions;
  /** After a timed-out create, how long to let the server finish before looking for the object. */
  settleMs: number;
}

export interface Transport {
  readonly baseUrl: string;
  readonly retry: RetryPolicy;
  readonly signal?: AbortSignal;
  /** Parsed JSON of a 2xx answer (undefined for an empty body); typed errors otherwise. */
  send<T = unknown>(request: TransportRequest): Promise<T>;
  rate(): RateInfo;
  /** What the last response said about `x-omnibot-sandbox`; undefined before any response. */
  sandbox(): boolean | undefined;
  log(line: string): void;
}
