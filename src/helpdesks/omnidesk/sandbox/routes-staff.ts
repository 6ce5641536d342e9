/**
 * Staff and groups (reference §2.5, §2.6): list, get, create, edit, enable, disable and delete.
 * Disabling or deleting hands the member's (or group's) cases to `replace_staff_id`
 * (`replace_group_id`) [S palachX]; without one, a member's cases become unassigned [I] and a
 * group, which every case must have, cannot go.
 */
import { json } from '../../../server/http.js';
import type { Router } from '../../../server/router.js';
import type { CallContext } from '../../../server/sandbox-server.js';
import { apiError, byPathId, invalid, notFound, optId, optString } from './api-errors.js';
import { listReply } from './envelope.js';
import { readEntity, readEntityOrBare } from './request-body.js';
import { groupJson, staffJson } from './serialize.js';
import type { GroupRec, StaffRec } from './store.js';
import type { OmnideskWorld } from './world.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

type Ctx = CallContext<StaffRec>;

export function staffRoutes(router: Router<Ctx>, world: OmnideskWorld): void {
  const staff = (id: string | undefined) => byPathId(world.store.staff, id, 'staff');
  const group = (id: string | undefined) => byPathId(world.store.groups, id, 'group');
  const staffReply = (s: StaffRec, status = 200) => json(status, { staff: staffJson(s) });
  const groupReply = (g: GroupRec, status = 200) => json(status, { group: groupJson(g) });

  /** Moves a member's open work to another (0 = unassigned). */
  const reassign = (from: StaffRec, ctx: Ctx, replaceId: number | undefined) => {
    if (from.staff_id === ctx.auth.staff_id) throw invalid('staff_cannot_remove_self');
    const to = replaceId ?? 0;
    if (to !== 0) {
      const target = world.store.staff.get(to);
      if (!target || to === from.staff_id) throw notFound('replace_staff');
      if (!target.active) throw invalid('staff_not_active');
    }
    for (const c of world.store.cases.values()) if (c.staff_id === from.staff_id) c.staff_id = to;
  };

  /** Without replace_group_id (vragovR sends none) the cases go to the first other group [I]. */
  const moveGroup = (from: GroupRec, replaceId: number | undefined) => {
    const fallback =
      [...world.store.groups.values()].find((g) => g !== from && g.active) ??
      [...world.store.groups.values()].find((g) => g !== from);
    const to = replaceId === undefined ? fallback : world.store.groups.get(replaceId);
    if (!to || to === from) throw notFound('replace_group');
    for (const c of world.store.cases.values()) if (c.group_id === from.group_id) c.group_id = to.group_id;
  };

  router
    .on('GET', '/api/staff.json', (req) =>
      json(200, listReply('staff', [...world.store.staff.values()], req.query, staffJson)),
    )
    .on('GET', '/api/staff/{id}.json', (req) => staffReply(staff(req.params.id)))
    .on('POST', '/api/staff.json', (req) => {
      const body = readEntity(req, 'staff');
      const email = optString(body, 'staff_email');
      if (!email || !EMAIL.test(email)) throw invalid('wrong_email');
      if (world.store.staffByEmail(email)) throw invalid('email_already_exist');
      const at = world.now();
      const rec: StaffRec = {
        staff_id: world.store.nextId('staff'),
        staff_email: email,
        staff_full_name: optString(body, 'staff_full_name') ?? email,
        staff_signature: optString(body, 'staff_signature') ?? '',
        staff_signature_chat: optString(body, 'staff_signature_chat') ?? '',
        active: true,
        status_id: 2,
        created: at,
        updated: at,
      };
      world.store.staff.set(rec.staff_id, rec);
      return staffReply(rec, 201);
    })
    .on('PUT', '/api/staff/{id}.json', (req) => {
      const s = staff(req.params.id);
      // vint47/omnidesk-bundle (2024) sends the fields unwrapped; both are taken [I].
      const body = readEntityOrBare(req, 'staff');
      const email = optString(body, 'staff_email');
      if (email !== undefined) {
        if (!EMAIL.test(email)) throw invalid('wrong_email');
        const other = world.store.staffByEmail(email);
        if (other && other !== s) throw invalid('email_already_exist');
        s.staff_email = email;
      }
      for (const key of ['staff_full_name', 'staff_signature', 'staff_signature_chat'] as const) {
        const v = optString(body, key);
        if (v !== undefined) s[key] = v;
      }
      s.updated = world.now();
      return staffReply(s);
    })
    .on('PUT', '/api/staff/{id}/disable.json', (req, ctx) => {
      const s = staff(req.params.id);
      reassign(s, ctx, optId(readEntityOrBare(req, 'staff'), 'replace_staff_id'));
      s.active = false;
      s.updated = world.now();
      return staffReply(s);
    })
    .on('PUT', '/api/staff/{id}/enable.json', (req) => {
      const s = staff(req.params.id);
      s.active = true;
      s.updated = world.now();
      return staffReply(s);
    })
    .on('DELETE', '/api/staff/{id}.json', (req, ctx) => {
      const s = staff(req.params.id);
      reassign(s, ctx, optId(readEntityOrBare(req, 'staff'), 'replace_staff_id'));
      world.store.staff.delete(s.staff_id);
      return json(200, {});
    })
    .on('GET', '/api/groups.json', (req) =>
      json(200, listReply('group', [...world.store.groups.values()], req.query, groupJson)),
    )
    .on('GET', '/api/groups/{id}.json', (req) => groupReply(group(req.params.id)))
    // justCxx (2016) reads one group without the `.json` suffix.
    .on('GET', '/api/groups/{id}', (req) => groupReply(group(req.params.id)))
    .on('POST', '/api/groups.json', (req) => {
      const body = readEntity(req, 'group');
      const title = optString(body, 'group_title')?.trim();
      if (!title) throw invalid('group_title_required');
      const at = world.now();
      const rec: GroupRec = {
        group_id: world.store.nextId('group'),
        group_title: title,
        group_from_name: optString(body, 'group_from_name') ?? title,
        group_signature: optString(body, 'group_signature') ?? '',
        active: true,
        created: at,
        updated: at,
      };
      world.store.groups.set(rec.group_id, rec);
      return groupReply(rec, 201);
    })
    .on('PUT', '/api/groups/{id}.json', (req) => {
      const g = group(req.params.id);
      const body = readEntity(req, 'group');
      const title = optString(body, 'group_title');
      if (title !== undefined && !title.trim()) throw invalid('group_title_required');
      if (title !== undefined) g.group_title = title.trim();
      for (const key of ['group_from_name', 'group_signature'] as const) {
        const v = optString(body, key);
        if (v !== undefined) g[key] = v;
      }
      g.updated = world.now();
      return groupReply(g);
    })
    .on('PUT', '/api/groups/{id}/disable.json', (req) => {
      const g = group(req.params.id);
      moveGroup(g, optId(readEntityOrBare(req, 'group'), 'replace_group_id'));
      g.active = false;
      g.updated = world.now();
      return groupReply(g);
    })
    .on('PUT', '/api/groups/{id}/enable.json', (req) => {
      const g = group(req.params.id);
      g.active = true;
      g.updated = world.now();
      return groupReply(g);
    })
    .on('DELETE', '/api/groups/{id}.json', (req) => {
      const g = group(req.params.id);
      if (world.store.groups.size === 1) throw apiError(400, 'last_group_cannot_be_deleted');
      moveGroup(g, optId(readEntityOrBare(req, 'group'), 'replace_group_id'));
      world.store.groups.delete(g.group_id);
      return json(200, {});
    });
}
