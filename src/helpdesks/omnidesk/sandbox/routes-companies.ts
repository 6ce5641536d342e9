/**
 * Companies (reference §2.10, CRUD [S palachX]): list with text filters, get, create, edit
 * (adding and removing domains and users), block, disable, restore and delete. A user belongs to
 * a company by `company_name` (as on the user object) or through `company_users`.
 */
import { json } from '../../../server/http.js';
import { textMatches } from '../../../server/query.js';
import type { Router } from '../../../server/router.js';
import type { CallContext } from '../../../server/sandbox-server.js';
import { byPathId, invalid, notFound, optId, optString } from './api-errors.js';
import { flag } from './case-filter.js';
import { listReply } from './envelope.js';
import { readEntity } from './request-body.js';
import { companyJson } from './serialize.js';
import type { CompanyRec, OmnideskStore, StaffRec, UserRec } from './store.js';
import type { OmnideskWorld } from './world.js';

/** "a.ru, b.ru" → ["a.ru", "b.ru"] [I: the reference shows no example]. */
function commaList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
}

/** `company_users`: user ids or e-mails, comma-separated [I]. */
function usersOf(store: OmnideskStore, value: string | undefined): UserRec[] {
  return commaList(value).map((ref) => {
    const user = /^\d+$/.test(ref) ? store.users.get(Number(ref)) : store.userByEmail(ref);
    if (!user) throw notFound('user');
    return user;
  });
}

function join(c: CompanyRec, users: UserRec[]): void {
  for (const u of users) {
    u.company_id = c.company_id;
    u.company_name = c.company_name;
  }
}

function leave(c: CompanyRec, users: UserRec[]): void {
  for (const u of users) {
    if (u.company_id !== c.company_id) continue;
    u.company_id = undefined;
    u.company_name = '';
  }
}

export function companyRoutes(router: Router<CallContext<StaffRec>>, world: OmnideskWorld): void {
  const company = (id: string | undefined) => byPathId(world.store.companies, id, 'company');
  const members = (c: CompanyRec) =>
    [...world.store.users.values()].filter((u) => !u.deleted && u.company_id === c.company_id);
  const reply = (c: CompanyRec, status = 200) => json(status, { company: companyJson(c) });
  const checkGroup = (id: number | undefined) => {
    if (id !== undefined && id !== 0 && !world.store.groups.has(id)) throw notFound('group');
  };
  const setState = (raw: string | undefined, change: (c: CompanyRec) => void) => {
    const c = company(raw);
    change(c);
    c.updated = world.now();
    return reply(c);
  };

  router
    .on('GET', '/api/companies.json', (req) => {
      const q = req.query;
      const text = (name: 'company_name' | 'company_address' | 'company_note') => q.get(name) || undefined;
      const [name, address, note, domain] = [
        text('company_name'),
        text('company_address'),
        text('company_note'),
        q.get('company_domains') || undefined,
      ];
      const items = [...world.store.companies.values()].filter(
        (c) =>
          !c.deleted &&
          (!name || textMatches(name, c.company_name)) &&
          (!address || textMatches(address, c.company_address)) &&
          (!note || textMatches(note, c.company_note)) &&
          (!domain || c.company_domains.some((d) => textMatches(domain, d))),
      );
      const withUsers = flag(q, 'amount_of_users');
      const withCases = flag(q, 'amount_of_cases');
      const toJson = (c: CompanyRec) => {
        const users = members(c);
        const ids = new Set(users.map((u) => u.user_id));
        return {
          ...companyJson(c, withUsers ? users.length : undefined),
          ...(withCases
            ? {
                amount_of_cases: [...world.store.cases.values()].filter((x) => !x.deleted && ids.has(x.user_id)).length,
              }
            : {}),
        };
      };
      return json(200, listReply('company', items, q, toJson));
    })
    .on('GET', '/api/companies/{id}.json', (req) => reply(company(req.params.id)))
    .on('POST', '/api/companies.json', (req) => {
      const body = readEntity(req, 'company');
      const name = optString(body, 'company_name')?.trim();
      if (!name) throw invalid('company_name_required');
      if ([...world.store.companies.values()].some((c) => !c.deleted && c.company_name === name))
        throw invalid('company_name_already_exist');
      const group = optId(body, 'company_default_group');
      checkGroup(group);
      const users = usersOf(world.store, optString(body, 'company_users'));
      const at = world.now();
      const rec: CompanyRec = {
        company_id: world.store.nextId('company'),
        company_name: name,
        company_domains: commaList(optString(body, 'company_domains')),
        company_default_group: group ?? 0,
        company_address: optString(body, 'company_address') ?? '',
        company_note: optString(body, 'company_note') ?? '',
        active: true,
        blocked: false,
        deleted: false,
        created: at,
        updated: at,
      };
      world.store.companies.set(rec.company_id, rec);
      join(rec, users);
      return reply(rec, 201);
    })
    .on('PUT', '/api/companies/{id}.json', (req) => {
      const c = company(req.params.id);
      const body = readEntity(req, 'company');
      const group = optId(body, 'company_default_group');
      checkGroup(group);
      const add = usersOf(world.store, optString(body, 'add_company_users'));
      const remove = usersOf(world.store, optString(body, 'remove_company_users'));
      const name = optString(body, 'company_name')?.trim();
      if (name !== undefined) {
        c.company_name = name;
        for (const u of members(c)) u.company_name = name;
      }
      if (group !== undefined) c.company_default_group = group;
      for (const key of ['company_address', 'company_note'] as const) {
        const v = optString(body, key);
        if (v !== undefined) c[key] = v;
      }
      const dropDomains = commaList(optString(body, 'remove_company_domains'));
      c.company_domains = [
        ...new Set([
          ...c.company_domains.filter((d) => !dropDomains.includes(d)),
          ...commaList(optString(body, 'add_company_domains')),
        ]),
      ];
      join(c, add);
      leave(c, remove);
      c.updated = world.now();
      return reply(c);
    })
    .on('PUT', '/api/companies/{id}/block.json', (req) =>
      setState(req.params.id, (c) => ((c.blocked = true), (c.active = false))),
    )
    .on('PUT', '/api/companies/{id}/disable.json', (req) => setState(req.params.id, (c) => (c.active = false)))
    .on('PUT', '/api/companies/{id}/restore.json', (req) =>
      setState(req.params.id, (c) => {
        c.active = true;
        c.blocked = false;
        c.deleted = false;
      }),
    )
    .on('DELETE', '/api/companies/{id}.json', (req) => {
      const c = company(req.params.id);
      c.deleted = true;
      c.active = false;
      leave(c, members(c));
      c.updated = world.now();
      return json(200, {});
    });
}
