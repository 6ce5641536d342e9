/**
 * The account's read-mostly directory: labels (CRUD), staff (+ enable/disable), staff
 * statuses, groups, custom channels (read-only: created in the admin UI, here through the admin
 * path) and custom fields.
 */
import { LABEL_TITLE_MAX } from '../../../config/schema.js';
import { json } from '../../../server/http.js';
import type { Router } from '../../../server/router.js';
import type { CallContext } from '../../../server/sandbox-server.js';
import { byPathId, invalid, optString, readEntity } from './api-errors.js';
import { listReply } from './envelope.js';
import { channelJson, fieldJson, groupJson, labelJson, staffJson, staffStatusJson } from './serialize.js';
import type { StaffRec } from './store.js';
import type { OmnideskWorld } from './world.js';

type Ctx = CallContext<StaffRec>;

/** Same bounds as the config schema, so a title omnibot accepts is one the sandbox accepts. */
function checkLabelTitle(raw: string | undefined): string {
  const title = raw?.trim() ?? '';
  if (!title) throw invalid('label_title_required');
  if (title.length > LABEL_TITLE_MAX) throw invalid('label_title_too_long');
  return title;
}

export function directoryRoutes(router: Router<Ctx>, world: OmnideskWorld): void {
  const label = (id: string | undefined) => byPathId(world.store.labels, id, 'label');
  const staff = (id: string | undefined) => byPathId(world.store.staff, id, 'staff');
  const setActive = (s: StaffRec, active: boolean) => {
    s.active = active;
    s.updated = world.now();
    return json(200, { staff: staffJson(s) });
  };

  router
    .on('GET', '/api/labels.json', (req) => json(200, listReply('label', [...world.store.labels.values()], req.query, labelJson)))
    .on('POST', '/api/labels.json', (req) => {
      const title = checkLabelTitle(optString(readEntity(req, 'label'), 'label_title'));
      const rec = { label_id: world.store.nextId('label'), label_title: title };
      world.store.labels.set(rec.label_id, rec);
      return json(201, { label: labelJson(rec) });
    })
    .on('GET', '/api/labels/{id}.json', (req) => json(200, { label: labelJson(label(req.params.id)) }))
    .on('PUT', '/api/labels/{id}.json', (req) => {
      const rec = label(req.params.id);
      rec.label_title = checkLabelTitle(optString(readEntity(req, 'label'), 'label_title'));
      return json(200, { label: labelJson(rec) });
    })
    .on('DELETE', '/api/labels/{id}.json', (req) => {
      const rec = label(req.params.id);
      world.store.labels.delete(rec.label_id);
      for (const c of world.store.cases.values()) c.labels = c.labels.filter((id) => id !== rec.label_id);
      return json(200, {});
    })
    .on('GET', '/api/staff.json', (req) =>
      json(200, listReply('staff', [...world.store.staff.values()], req.query, staffJson)),
    )
    .on('GET', '/api/staff/{id}.json', (req) => json(200, { staff: staffJson(staff(req.params.id)) }))
    .on('PUT', '/api/staff/{id}/disable.json', (req) => setActive(staff(req.params.id), false))
    .on('PUT', '/api/staff/{id}/enable.json', (req) => setActive(staff(req.params.id), true))
    .on('GET', '/api/staff_statuses.json', (req) =>
      // This one list says `count`, not `total_count` (palachX fixture).
      json(200, listReply('staff_statuses', [...world.store.statuses.values()], req.query, staffStatusJson, 'count')),
    )
    .on('GET', '/api/groups.json', (req) => json(200, listReply('group', [...world.store.groups.values()], req.query, groupJson)))
    .on('GET', '/api/groups/{id}.json', (req) => json(200, { group: groupJson(byPathId(world.store.groups, req.params.id, 'group')) }))
    .on('GET', '/api/custom_channels.json', (req) =>
      json(200, listReply('custom_channel', [...world.store.channels.values()], req.query, channelJson)),
    )
    .on('GET', '/api/custom_fields.json', (req) =>
      json(200, listReply('custom_field', [...world.store.fields.values()], req.query, fieldJson)),
    );
}
