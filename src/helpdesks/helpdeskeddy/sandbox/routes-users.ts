/**
 * Users (reference §2.1, §2.6): the list with `page, search, group_list, from/to_date_created,
 * from/to_date_updated, order_by` (name, date_created, date_updated; PHPSDK [C1]), one user,
 * create / update / delete, notes, and the log of a staff member's presence status. Staff and
 * clients are both users; the group's type tells them apart (§2.1 [C+]).
 */
import { formatDateTime } from '../dates.js';
import { applyFieldValues } from './field-values.js';
import { badRequest, int, intList, map, str } from './request-body.js';
import { comparator, dateParam, idList, orderBy, within } from './list-query.js';
import { paginate, userJson } from './format.js';
import { noteRoutes } from './routes-notes.js';
import { DEPARTMENTS, GROUPS, USER_STATUSES } from './seed-data.js';
import { API, body, data, idParam, notFound, reader, success204, type HdeRouter, type HdeWorld } from './world.js';
import type { HdeStore, UserRec } from './store.js';
import type { RouteRequest } from '../../../server/router.js';

const USER_STATUS_VALUES = ['active', 'inactive', 'disabled', 'fired'] as const;
const EMAIL = /^[^@\s]+@[^@\s]+$/;

type UserPatch = Partial<Omit<UserRec, 'id' | 'createdAt' | 'updatedAt'>>;

/** The fields of §2.6 [C+]; `password` is taken and never kept or shown. */
function readUserPatch(world: HdeWorld, fields: Record<string, unknown>, self?: UserRec): UserPatch {
  const { store } = world;
  const patch: UserPatch = {};
  for (const key of ['name', 'lastname', 'alias', 'phone', 'skype', 'website', 'language'] as const) {
    const v = str(fields, key);
    if (v !== undefined) patch[key] = v;
  }
  const email = str(fields, 'email');
  if (email !== undefined) {
    if (!EMAIL.test(email)) throw badRequest(`email "${email}" is not an e-mail address.`);
    const other = store.userByEmail(email);
    if (other && other !== self) throw badRequest(`A user with e-mail ${email} already exists (id {${other.id}}).`);
    patch.email = email;
  }
  const status = str(fields, 'status');
  if (status !== undefined) {
    if (!(USER_STATUS_VALUES as readonly string[]).includes(status))
      throw badRequest(`status must be one of ${USER_STATUS_VALUES.join(', ')}.`);
    patch.status = status as UserRec['status'];
  }
  const notifications = int(fields, 'notifications');
  if (notifications !== undefined) {
    if (notifications !== 0 && notifications !== 1) throw badRequest('notifications must be 1 or 0.');
    patch.notifications = notifications;
  }
  const groupId = int(fields, 'group_id');
  if (groupId !== undefined) {
    if (!GROUPS.some((g) => g.id === groupId))
      throw badRequest(`Unknown group_id {${groupId}}; known: ${GROUPS.map((g) => g.id).join(', ')}.`);
    patch.groupId = groupId;
  }
  const departments = intList(fields, 'department');
  if (departments !== undefined) {
    for (const id of departments)
      if (!DEPARTMENTS.some((d) => d.id === id)) throw badRequest(`department: unknown department {${id}}.`);
    patch.departmentIds = departments;
  }
  const userStatus = int(fields, 'user_status');
  if (userStatus !== undefined) {
    if (!USER_STATUSES.some((s) => s.id === userStatus)) throw badRequest(`Unknown user_status {${userStatus}}.`);
    patch.userStatus = userStatus;
  }
  const custom = map(fields, 'custom_fields');
  if (custom !== undefined)
    patch.customFields = applyFieldValues(
      store.directory,
      'users',
      self?.customFields ?? {},
      custom,
      world.behaviour.customFieldValues,
    );
  // Last, so a refused request creates no company. `organization` names a company (found, or
  // created [INF]) and wins over `organiz_id` (PHPSDK [C1]).
  const orgName = str(fields, 'organization');
  const orgId = int(fields, 'organiz_id');
  if (orgName !== undefined) {
    patch.organizationId = (
      store.directory.organizationByName(orgName) ?? store.directory.addOrganization({ name: orgName })
    ).id;
  } else if (orgId !== undefined) {
    if (orgId !== 0 && !store.directory.organization(orgId))
      throw badRequest(`Organization (organiz_id) with id {${orgId}} not found.`);
    patch.organizationId = orgId;
  }
  return patch;
}

/** Keeps an organization's employee list in step with its users' `organization`. */
function joinOrganization(store: HdeStore, user: UserRec, before: number): void {
  if (before === user.organizationId) return;
  const old = store.directory.organization(before);
  if (old) old.employees = old.employees.filter((id) => id !== user.id);
  const now = store.directory.organization(user.organizationId);
  if (now && !now.employees.includes(user.id)) now.employees.push(user.id);
}

export function userRoutes(r: HdeRouter, world: HdeWorld): void {
  const { store } = world;
  const userOf = (req: RouteRequest): UserRec => {
    const id = idParam(req, 'User');
    const user = store.user(id);
    if (!user) throw notFound('User', id);
    return user;
  };

  r.on('GET', `${API}/users`, (req, { auth }) => {
    const q = reader(world, req);
    const search = req.query.get('search')?.trim().toLowerCase();
    const groups = idList(q, 'group_list');
    const createdFrom = dateParam(q, 'from_date_created');
    const createdTo = dateParam(q, 'to_date_created');
    const updatedFrom = dateParam(q, 'from_date_updated');
    const updatedTo = dateParam(q, 'to_date_updated');
    // No default order is published; the sandbox lists by id [INF].
    const keys = orderBy(q, ['name', 'date_created', 'date_updated'], []);
    const users = store.users
      .filter(
        (u) =>
          (!search ||
            [u.name, u.lastname, `${u.name} ${u.lastname}`, u.email, u.phone].some((f) =>
              f.toLowerCase().includes(search),
            )) &&
          (!groups || groups.includes(u.groupId)) &&
          within(u.createdAt, createdFrom, createdTo) &&
          within(u.updatedAt, updatedFrom, updatedTo),
      )
      .sort(
        comparator<UserRec>(keys, (u, f) =>
          f === 'name' ? `${u.name} ${u.lastname}` : f === 'date_created' ? u.createdAt : u.updatedAt,
        ),
      );
    const { slice, pagination } = paginate(users, req.query.get('page'));
    return data(
      slice.map((u) => userJson(store, u, auth)),
      pagination,
    );
  });

  r.on('GET', `${API}/users/{id}`, (req, { auth }) => {
    const json = userJson(store, userOf(req), auth);
    return data(world.behaviour.userByIdShape === 'array' ? [json] : json);
  });

  r.on('POST', `${API}/users`, (req, { auth }) => {
    const { fields } = body(req);
    const required = world.behaviour.userCreateRequires.split(',');
    const missing = required.filter((k) => fields[k] === undefined || fields[k] === null || fields[k] === '');
    if (missing.length) throw badRequest(`Required fields are missing: ${missing.join(', ')}.`);
    const patch = readUserPatch(world, fields);
    const user = store.addUser({ ...patch, name: patch.name!, email: patch.email! });
    joinOrganization(store, user, 0);
    if (user.userStatus) store.directory.logStatus(user.id, user.userStatus);
    return data(userJson(store, user, auth, 'object'));
  });

  r.on('PUT', `${API}/users/{id}`, (req, { auth }) => {
    const user = userOf(req);
    const patch = readUserPatch(world, body(req).fields, user);
    const orgBefore = user.organizationId;
    const statusBefore = user.userStatus;
    Object.assign(user, patch, { updatedAt: store.now() });
    joinOrganization(store, user, orgBefore);
    if (user.userStatus !== statusBefore) store.directory.logStatus(user.id, user.userStatus);
    return data(userJson(store, user, auth, 'object'));
  });

  r.on('DELETE', `${API}/users/{id}`, (req, { auth }) => {
    const user = userOf(req);
    // The key's owner cannot delete itself: the sandbox would lock every client out [INF].
    if (user.id === auth.id) throw badRequest('The API user cannot delete itself.');
    store.removeUser(user);
    return success204(world, `User with id {${user.id}} successfully deleted`);
  });

  noteRoutes(r, world, 'users', (id) => store.user(id) !== undefined);

  // TSSDK types the log as dictionary items; the date is the sandbox's addition [INF].
  r.on('GET', `${API}/users/{id}/statuses_log`, (req) => {
    const user = userOf(req);
    const log = store.directory.statusLog.filter((s) => s.userId === user.id).sort((a, b) => b.id - a.id);
    const { slice, pagination } = paginate(log, req.query.get('page'));
    return data(
      slice.map((s) => ({
        id: s.statusId,
        name: USER_STATUSES.find((u) => u.id === s.statusId)?.name ?? null,
        date_created: formatDateTime(s.createdAt),
      })),
      pagination,
    );
  });
}
