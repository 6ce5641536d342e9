/**
 * What every HelpDeskEddy route module is given, and the reply helpers they share: the `{data}`
 * envelope, keyed lists, `e-404`, and the `s-204` "No content" array that successful deletes
 * answer with (reference §1.4, §1.5 [C+]).
 */
import { HttpError, json, type Reply } from '../../../server/http.js';
import { Router, type RouteMatch, type RouteRequest } from '../../../server/router.js';
import type { CallContext } from '../../../server/sandbox-server.js';
import type { Behaviour } from './behaviour.js';
import type { FileStore } from './files.js';
import type { Pagination } from './format.js';
import type { HdeStore, StoreEvent, UserRec } from './store.js';
import { parseRequestBody, type ParsedBody } from './request-body.js';
import type { QueryReader } from './list-query.js';

export interface HdeWorld {
  store: HdeStore;
  files: FileStore;
  behaviour: Behaviour;
  /** This server's origin as the client reached it (file links, `{link_staff}`). */
  origin(): string;
  /** Runs the dispatcher for events a handler caused; resolves when sync rules are delivered. */
  dispatch(events: StoreEvent[]): Promise<void>;
}

export type HdeContext = CallContext<UserRec>;

/**
 * Clients write paths with and without the trailing slash (§1.1 [INF]: both apparently work),
 * so routes are declared without it and matched either way.
 */
export class HdeRouter extends Router<HdeContext> {
  override match(method: string, path: string): RouteMatch<HdeContext> | 'method' | undefined {
    try {
      return super.match(method, path.length > 1 ? path.replace(/\/+$/, '') : path);
    } catch (err) {
      // A malformed %-escape in a path parameter names nothing: that is a 404, not a crash.
      if (err instanceof URIError) return undefined;
      throw err;
    }
  }
}

export const API = '/api/v2';

export function notFound(what: string, id: string | number): HttpError {
  return new HttpError(404, {
    errors: [{ code: 'e-404', title: 'Not found', details: `${what} with id {${id}} not found` }],
  });
}

/** A path id as a number; anything else cannot name a record, so it is that record's 404. */
export function idParam(req: RouteRequest, what: string, name = 'id'): number {
  const raw = req.params[name] ?? '';
  if (!/^-?\d{1,15}$/.test(raw)) throw notFound(what, raw);
  return Number(raw);
}

export function success204(world: HdeWorld, details: string): Reply {
  return json(world.behaviour.deleteStatus, { errors: [{ code: 's-204', title: 'No content', details }] });
}

export function data(value: unknown, pagination?: Pagination): Reply {
  return json(200, pagination ? { data: value, pagination } : { data: value });
}

/**
 * An object keyed by id (tickets, custom fields, knowledge base). JSON.stringify would put
 * integer-like keys in ascending order, so the object is written by hand to keep the list's order.
 */
export function keyed(entries: Array<[string | number, unknown]>, pagination?: Pagination): Reply {
  const body = entries.map(([k, v]) => `${JSON.stringify(String(k))}:${JSON.stringify(v)}`).join(',');
  const tail = pagination ? `,"pagination":${JSON.stringify(pagination)}` : '';
  return {
    status: 200,
    text: `{"data":{${body}}${tail}}`,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  };
}

export function body(req: RouteRequest): ParsedBody {
  return parseRequestBody(req.headers['content-type'] as string | undefined, req.body);
}

export function reader(world: HdeWorld, req: RouteRequest): QueryReader {
  return { query: req.query, badFilter: world.behaviour.badFilter };
}
