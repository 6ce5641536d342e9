/**
 * The Omnidesk sandbox's admin path (docs/architecture.md): what a person would click in the
 * admin UI — rules, custom channels, data fields, staff settings — plus info and reset. This is
 * how `apply` performs "manual" steps when its target is a sandbox.
 */
import { z } from 'zod';
import { json } from '../../../server/http.js';
import { adminError, parseAdminBody } from '../../../server/admin-routes.js';
import type { Router } from '../../../server/router.js';
import type { CallContext } from '../../../server/sandbox-server.js';
import { ruleSpecSchema, unknownWebhookField } from './rule-schema.js';
import { channelJson, fieldJson, staffJson } from './serialize.js';
import type { ChannelRec } from './store.js';
import type { OmnideskWorld } from './world.js';

const channelSpecSchema = z
  .object({
    kind: z.literal('omnidesk.custom-channel').optional(),
    title: z.string().trim().min(1).max(255),
    webhookUrl: z.url({ protocol: /^https?$/ }),
    channelType: z.enum(['async', 'sync']),
  })
  .strict();

const fieldSpecSchema = z
  .object({
    kind: z.literal('omnidesk.custom-field').optional(),
    title: z.string().trim().min(1).max(255),
    field_type: z.enum(['text', 'textarea', 'checkbox', 'select', 'date']),
    field_level: z.enum(['user', 'case']),
    field_data: z.union([z.literal(''), z.record(z.string(), z.string())]).optional(),
    active: z.boolean().optional(),
  })
  .strict();

const staffPatchSchema = z
  .object({
    active: z.boolean().optional(),
    status_id: z.number().int().positive().optional(),
    staff_full_name: z.string().trim().min(1).optional(),
  })
  .strict();

export interface OmnideskAdminHooks {
  info(): Record<string, unknown>;
  reset(): void;
}

export function omnideskAdminRoutes(
  router: Router<CallContext<undefined>>,
  world: OmnideskWorld,
  hooks: OmnideskAdminHooks,
): void {
  router
    .on('GET', '/_sandbox/info', () => json(200, hooks.info()))
    .on('POST', '/_sandbox/reset', () => {
      hooks.reset();
      return json(200, { reset: true });
    })
    .on('GET', '/_sandbox/rules', () =>
      json(
        200,
        [...world.store.rules.values()].map((r) => ({ rule_id: r.rule_id, ...r.spec })),
      ),
    )
    .on('POST', '/_sandbox/rules', (req) => {
      const spec = parseAdminBody(ruleSpecSchema, req.body);
      const problem = unknownWebhookField(spec, world.fields);
      if (problem) throw adminError(400, 'validation', problem);
      const store = world.store;
      const existing = [...store.rules.values()].find(
        (r) => r.spec.ruleKind === spec.ruleKind && r.spec.title === spec.title,
      );
      if (existing) {
        existing.spec = spec;
        return json(200, { rule_id: existing.rule_id, created: false });
      }
      const rule = { rule_id: store.nextId('rule'), spec, created: world.now() };
      store.rules.set(rule.rule_id, rule);
      return json(201, { rule_id: rule.rule_id, created: true });
    })
    .on('DELETE', '/_sandbox/rules/{id}', (req) => {
      const id = Number(req.params.id);
      if (!world.store.rules.delete(id)) throw adminError(404, 'rule_not_found', `no rule with id ${req.params.id}`);
      return json(200, { deleted: id });
    })
    .on('GET', '/_sandbox/custom-channels', () => json(200, [...world.store.channels.values()].map(channelJson)))
    .on('POST', '/_sandbox/custom-channels', (req) => {
      const spec = parseAdminBody(channelSpecSchema, req.body);
      const store = world.store;
      const existing = [...store.channels.values()].find((c) => c.title === spec.title);
      if (existing) {
        existing.webhook_url = spec.webhookUrl;
        existing.channel_type = spec.channelType;
        return json(200, { custom_channel: channelJson(existing), created: false });
      }
      const id = store.nextId('channel');
      const channel: ChannelRec = {
        channel_id: id,
        channel_api_key: `cch${id}`,
        title: spec.title,
        channel_type: spec.channelType,
        icon: 'fa-comments',
        webhook_url: spec.webhookUrl,
        active: true,
      };
      store.channels.set(id, channel);
      return json(201, { custom_channel: channelJson(channel), created: true });
    })
    .on('POST', '/_sandbox/custom-fields', (req) => {
      const spec = parseAdminBody(fieldSpecSchema, req.body);
      const store = world.store;
      const existing = [...store.fields.values()].find(
        (f) => f.title === spec.title && f.field_level === spec.field_level,
      );
      if (existing) {
        existing.field_type = spec.field_type;
        existing.field_data = spec.field_data ?? existing.field_data;
        if (spec.active !== undefined) existing.active = spec.active;
        return json(200, { custom_field: fieldJson(existing), created: false });
      }
      const field = {
        field_id: store.nextId('field'),
        title: spec.title,
        field_type: spec.field_type,
        field_level: spec.field_level,
        active: spec.active ?? true,
        field_data: spec.field_data ?? '',
      };
      store.fields.set(field.field_id, field);
      return json(201, { custom_field: fieldJson(field), created: true });
    })
    // A merge done in the agent UI (no API merges cases): the case gets a parent and leaves the list.
    .on('POST', '/_sandbox/cases/{id}/merge', (req) => {
      const { into } = parseAdminBody(z.object({ into: z.number().int().positive() }).strict(), req.body);
      const c = world.store.cases.get(Number(req.params.id));
      const parent = world.store.cases.get(into);
      if (!c || !parent || c === parent) throw adminError(404, 'case_not_found', 'both cases must exist and differ');
      c.parent_case_id = parent.case_id;
      c.updated = world.now();
      return json(200, { case_id: c.case_id, parent_case_id: parent.case_id });
    })
    // Uploaded attachments, at the `url` their message lists (no auth, like a signed download link).
    .on('GET', '/_sandbox/files/{id}/{name}', (req) => {
      const file = /^\d+$/.test(req.params.id ?? '') ? world.store.files.get(Number(req.params.id)) : undefined;
      if (!file?.data) throw adminError(404, 'file_not_found', `no uploaded file with id ${req.params.id}`);
      const disposition = `attachment; filename*=UTF-8''${encodeURIComponent(file.file_name)}`;
      return {
        status: 200,
        text: file.data,
        headers: { 'content-type': file.mime_type, 'content-disposition': disposition },
      };
    })
    .on('POST', '/_sandbox/staff/{id}', (req) => {
      const staff = world.store.staff.get(Number(req.params.id));
      if (!staff) throw adminError(404, 'staff_not_found', `no staff member with id ${req.params.id}`);
      const patch = parseAdminBody(staffPatchSchema, req.body);
      if (patch.status_id !== undefined && !world.store.statuses.has(patch.status_id)) {
        throw adminError(400, 'validation', `status_id: no staff status ${patch.status_id}`);
      }
      if (patch.active !== undefined) staff.active = patch.active;
      if (patch.status_id !== undefined) staff.status_id = patch.status_id;
      if (patch.staff_full_name !== undefined) staff.staff_full_name = patch.staff_full_name;
      staff.updated = world.now();
      return json(200, { staff: staffJson(staff) });
    });
}
