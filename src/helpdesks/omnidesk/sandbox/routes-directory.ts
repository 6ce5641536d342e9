/**
 * The account's read-mostly directory: labels (CRUD, §2.3), staff statuses and roles (§2.5),
 * custom channels (read-only: created in the admin UI, here through the admin path, §2.7),
 * custom fields, languages, saved filters and macros (§2.8), client e-mails (§2.10). Entity keys
 * and total keys are the ones the reference's clients read (`staff_roles` with `count`,
 * `client_emails`, `filter`, `language`).
 */
import { LABEL_TITLE_MAX } from '../account.js';
import { json } from '../../../server/http.js';
import type { Router } from '../../../server/router.js';
import type { CallContext } from '../../../server/sandbox-server.js';
import { byPathId, invalid, optString } from './api-errors.js';
import { listReply } from './envelope.js';
import { readEntity } from './request-body.js';
import { channelJson, fieldJson, filterJson, labelJson, staffStatusJson } from './serialize.js';
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
  const dict = () => world.store.dictionaries;
  const same = <T>(x: T) => x;

  router
    .on('GET', '/api/labels.json', (req) =>
      json(200, listReply('label', [...world.store.labels.values()], req.query, labelJson)),
    )
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
    // These two lists say `count`, not `total_count` (palachX fixtures).
    .on('GET', '/api/staff_statuses.json', (req) =>
      json(200, listReply('staff_statuses', [...world.store.statuses.values()], req.query, staffStatusJson, 'count')),
    )
    .on('GET', '/api/staff_roles.json', (req) =>
      json(200, listReply('staff_roles', dict().staff_roles, req.query, same, 'count')),
    )
    .on('GET', '/api/custom_channels.json', (req) =>
      json(200, listReply('custom_channel', [...world.store.channels.values()], req.query, channelJson)),
    )
    .on('GET', '/api/custom_fields.json', (req) =>
      json(200, listReply('custom_field', [...world.store.fields.values()], req.query, fieldJson)),
    )
    .on('GET', '/api/languages.json', (req) => json(200, listReply('language', dict().languages, req.query, same)))
    .on('GET', '/api/filters.json', (req) =>
      json(200, listReply('filter', [...world.store.filters.values()], req.query, filterJson)),
    )
    .on('GET', '/api/client_emails.json', (req) =>
      json(200, listReply('client_emails', dict().client_emails, req.query, same)),
    )
    .on('GET', '/api/macros.json', () => json(200, dict().macros));
}
