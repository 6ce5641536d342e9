/**
 * Endpoints the reference names but describes too thinly to emulate honestly: they answer 501
 * with a JSON error that names the endpoint, so a client fails loudly here instead of reading
 * invented numbers. docs/sandbox.md and the README list them.
 */
import { json } from '../../../server/http.js';
import type { Router } from '../../../server/router.js';
import type { CallContext } from '../../../server/sandbox-server.js';
import type { StaffRec } from './store.js';

export const UNEMULATED: ReadonlyArray<{ method: string; path: string; why: string }> = [
  {
    method: 'GET',
    path: '/api/stats_leaderboard.json',
    why: 'reference §2.10 names the call only; its SLA and timing figures cannot be derived from sandbox data',
  },
  {
    method: 'GET',
    path: '/api/stats_satisfaction.json',
    why: 'not in the reference; palachX calls it (StatisticsClient), its rating report has no documented semantics',
  },
  {
    method: 'GET',
    path: '/api/stats_lb_staff.json',
    why: 'not in the reference; justCxx (2016) calls this older staff leaderboard',
  },
  {
    method: 'GET',
    path: '/api/stats_lb_groups.json',
    why: 'not in the reference; justCxx (2016) calls this older group leaderboard',
  },
];

export function unemulatedRoutes(router: Router<CallContext<StaffRec>>): void {
  for (const e of UNEMULATED) {
    router.on(e.method, e.path, () =>
      json(501, {
        error: 'not_implemented',
        endpoint: `${e.method} ${e.path}`,
        reason: `the omnibot sandbox does not emulate this endpoint: ${e.why}`,
      }),
    );
  }
}
