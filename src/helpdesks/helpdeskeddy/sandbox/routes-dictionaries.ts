/**
 * Read-only dictionaries (reference §2.1 [C+]): departments, statuses (string slugs), priorities,
 * types (0 = "Without type"), groups and user statuses, each `data: [{id, name}]` with the list's
 * pagination [INF for the pagination block on dictionaries]; and `/ips`, the addresses webhooks
 * come from (TSSDK [C1]): for the sandbox, this machine. Endpoints the reference names but does
 * not describe enough to emulate answer 501 with the endpoint named, so a client fails loudly.
 */
import { HttpError } from '../../../server/http.js';
import { paginate } from './format.js';
import { DEPARTMENTS, GROUPS, PRIORITIES, STATUSES, TYPES, USER_STATUSES } from './seed-data.js';
import { API, data, type HdeRouter } from './world.js';

export function dictionaryRoutes(r: HdeRouter): void {
  const lists: Array<[string, Array<{ id: number | string }>, (item: never) => unknown]> = [
    ['departments', DEPARTMENTS, (d: (typeof DEPARTMENTS)[number]) => ({ id: d.id, name: d.name })],
    ['statuses', STATUSES, (s: (typeof STATUSES)[number]) => ({ id: s.id, name: s.name })],
    ['priorities', PRIORITIES, (p: (typeof PRIORITIES)[number]) => ({ id: p.id, name: p.name })],
    ['types', TYPES, (t: (typeof TYPES)[number]) => ({ id: t.id, name: t.name })],
    ['groups', GROUPS, (g: (typeof GROUPS)[number]) => ({ id: g.id, type: g.type, name: g.name })],
    ['user_statuses', USER_STATUSES, (s: (typeof USER_STATUSES)[number]) => ({ id: s.id, name: s.name })],
  ];
  for (const [path, items, toJson] of lists) {
    r.on('GET', `${API}/${path}`, (req) => {
      const { slice, pagination } = paginate(items, req.query.get('page'));
      return data(
        slice.map((item) => toJson(item as never)),
        pagination,
      );
    });
  }
  r.on('GET', `${API}/ips`, () => data(['127.0.0.1']));
}

export const UNEMULATED: ReadonlyArray<{ method: string; path: string; why: string }> = [
  {
    method: 'POST',
    path: '/telephony/calls/@{channel_key}/',
    why: 'reference §2.1 names the telephony channel events only (TSSDK); what a call event creates is not described',
  },
  {
    method: 'POST',
    path: '/chat/visitor/id',
    why: 'reference §2.1 names the chat-visitor session call only (TSSDK); the sandbox has no chat for the id to open',
  },
];

export function unemulatedRoutes(r: HdeRouter): void {
  for (const e of UNEMULATED) {
    // Named as the reference writes it (with or without the trailing slash); matched either way.
    const endpoint = `${e.method} ${API}${e.path}`;
    r.on(e.method, `${API}${e.path.replace(/\/$/, '')}`, () => {
      throw new HttpError(501, {
        errors: [
          {
            code: 'e-501',
            title: 'Not implemented',
            details: `The omnibot sandbox does not emulate ${endpoint}: ${e.why}.`,
          },
        ],
        endpoint,
      });
    });
  }
}
