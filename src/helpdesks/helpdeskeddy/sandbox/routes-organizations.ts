/**
 * Organizations ("companies", reference §2.1 [C1 TSSDK]): list (array, 30 a page, filters
 * `search`, `manager_id`, `employee_id` as TSSDK sends them), one, create (`name` required),
 * update, delete (`s-204`; its users keep no company [INF]) and notes. Fields are TSSDK's and the
 * company object PHPSDK shows inside a user (`id, name, domains, address, phone, email, web`).
 */
import { formatDateTime } from '../dates.js';
import { applyFieldValues } from './field-values.js';
import { badRequest, int, intList, map, str } from './request-body.js';
import { idList } from './list-query.js';
import { fieldValuesJson, paginate } from './format.js';
import { noteRoutes } from './routes-notes.js';
import { API, body, data, idParam, notFound, reader, success204, type HdeRouter, type HdeWorld } from './world.js';
import type { OrganizationRec } from './directory.js';
import type { HdeStore } from './store.js';
import type { RouteRequest } from '../../../server/router.js';

function orgJson(store: HdeStore, o: OrganizationRec): Record<string, unknown> {
  return {
    id: o.id,
    date_created: formatDateTime(o.createdAt),
    date_updated: formatDateTime(o.updatedAt),
    name: o.name,
    domains: o.domains,
    address: o.address,
    phone: o.phone,
    email: o.email,
    web: o.web,
    minute_limit: o.minuteLimit,
    employees: o.employees,
    managers: o.managers,
    custom_fields: fieldValuesJson(store, 'organizations', o.customFields),
  };
}

type OrgPatch = Partial<Omit<OrganizationRec, 'id' | 'createdAt' | 'updatedAt'>>;

function readOrgPatch(world: HdeWorld, fields: Record<string, unknown>, self?: OrganizationRec): OrgPatch {
  const { store } = world;
  const patch: OrgPatch = {};
  for (const key of ['name', 'domains', 'address', 'phone', 'email', 'web'] as const) {
    const v = str(fields, key);
    if (v !== undefined) patch[key] = v;
  }
  const limit = int(fields, 'minute_limit');
  if (limit !== undefined) patch.minuteLimit = limit;
  for (const [key, prop, staffOnly] of [
    ['employees', 'employees', false],
    ['managers', 'managers', true],
  ] as const) {
    const ids = intList(fields, key);
    if (ids === undefined) continue;
    for (const id of ids) {
      if (!store.user(id)) throw badRequest(`${key}: user with id {${id}} not found.`);
      if (staffOnly && !store.isStaff(id)) throw badRequest(`${key}: user {${id}} is not a staff user.`);
    }
    patch[prop] = [...new Set(ids)];
  }
  const custom = map(fields, 'custom_fields');
  if (custom !== undefined)
    patch.customFields = applyFieldValues(
      store.directory,
      'organizations',
      self?.customFields ?? {},
      custom,
      world.behaviour.customFieldValues,
    );
  return patch;
}

/** Users listed as employees belong to the company; anyone dropped from the list leaves it. */
function syncMembers(store: HdeStore, org: OrganizationRec): void {
  for (const user of store.users) {
    if (org.employees.includes(user.id)) user.organizationId = org.id;
    else if (user.organizationId === org.id) user.organizationId = 0;
  }
}

export function organizationRoutes(r: HdeRouter, world: HdeWorld): void {
  const { store } = world;
  const orgOf = (req: RouteRequest): OrganizationRec => {
    const id = idParam(req, 'Organization');
    const org = store.directory.organization(id);
    if (!org) throw notFound('Organization', id);
    return org;
  };

  r.on('GET', `${API}/organizations`, (req) => {
    const q = reader(world, req);
    const search = req.query.get('search')?.trim().toLowerCase();
    const managers = idList(q, 'manager_id');
    const employees = idList(q, 'employee_id');
    const orgs = store.directory.organizations.filter(
      (o) =>
        (!search || [o.name, o.domains, o.email, o.phone].some((f) => f.toLowerCase().includes(search))) &&
        (!managers || managers.some((id) => o.managers.includes(id))) &&
        (!employees || employees.some((id) => o.employees.includes(id))),
    );
    const { slice, pagination } = paginate(orgs, req.query.get('page'));
    return data(
      slice.map((o) => orgJson(store, o)),
      pagination,
    );
  });

  r.on('GET', `${API}/organizations/{id}`, (req) => data(orgJson(store, orgOf(req))));

  r.on('POST', `${API}/organizations`, (req) => {
    const patch = readOrgPatch(world, body(req).fields);
    if (!patch.name) throw badRequest('Required field is missing: name.');
    const org = store.directory.addOrganization({ ...patch, name: patch.name });
    if (patch.employees) syncMembers(store, org);
    return data(orgJson(store, org));
  });

  r.on('PUT', `${API}/organizations/{id}`, (req) => {
    const org = orgOf(req);
    const patch = readOrgPatch(world, body(req).fields, org);
    Object.assign(org, patch, { updatedAt: store.now() });
    if (patch.employees) syncMembers(store, org);
    return data(orgJson(store, org));
  });

  r.on('DELETE', `${API}/organizations/{id}`, (req) => {
    const org = orgOf(req);
    for (const user of store.users) if (user.organizationId === org.id) user.organizationId = 0;
    store.directory.removeOrganization(org);
    return success204(world, `Organization with id {${org.id}} successfully deleted`);
  });

  noteRoutes(r, world, 'organizations', (id) => store.directory.organization(id) !== undefined);
}
