/**
 * Cases (reference §2.1): create (finding or creating the customer, then running incoming
 * rules), list with filters and sort orders, get, edit (staff, status, group, labels — then
 * changed rules), rate, trash, spam, restore and delete, one id or a comma list.
 */
import { textOf } from '../../../core/text.js';
import type { CaseStatus } from '../client/types.js';
import { isRecord, json } from '../../../server/http.js';
import type { Router } from '../../../server/router.js';
import type { CallContext } from '../../../server/sandbox-server.js';
import { byPathId, invalid, notFound, optId, optIdList, optString, readContent } from './api-errors.js';
import { takeAttachments } from './files.js';
import { readBodyObject, readEntity } from './request-body.js';
import { appendMessage, changeLabels, logChange, setGroup, setStaff, setStatus } from './case-ops.js';
import { filterCases } from './case-filter.js';
import { listReply } from './envelope.js';
import { runRules } from './rules.js';
import { caseJson, messageJson } from './serialize.js';
import type { CaseRec, OmnideskStore, StaffRec } from './store.js';
import { findOrCreateUser } from './routes-users.js';
import { begin, commit, type OmnideskWorld } from './world.js';

type Ctx = CallContext<StaffRec>;

const STATUSES: readonly string[] = ['open', 'waiting', 'closed'];
const PRIORITIES: readonly string[] = ['low', 'normal', 'high', 'critical'];

export function findCase(store: OmnideskStore, id: string | undefined): CaseRec {
  return byPathId(store.cases, id, 'case');
}

/** A staff member who may write or be assigned: exists and is active. */
export function activeStaff(store: OmnideskStore, id: number): StaffRec {
  const staff = store.staff.get(id);
  if (!staff) throw notFound('staff');
  if (!staff.active) throw invalid('staff_not_active');
  return staff;
}

function optStatus(body: Record<string, unknown>): CaseStatus | undefined {
  const status = optString(body, 'status');
  if (status !== undefined && !STATUSES.includes(status)) throw invalid('wrong_status');
  return status as CaseStatus | undefined;
}

function checkLabels(store: OmnideskStore, ids: number[] | undefined): number[] {
  for (const id of ids ?? []) if (!store.labels.has(id)) throw notFound('label');
  return ids ?? [];
}

/** A staff id to assign: 0 unassigns; otherwise the member must exist and be active. */
function checkAssignee(store: OmnideskStore, id: number): void {
  if (id !== 0) activeStaff(store, id);
}

export function caseRoutes(router: Router<Ctx>, world: OmnideskWorld): void {
  router
    .on('GET', '/api/cases.json', (req) =>
      json(200, listReply('case', filterCases(world.store, req.query), req.query, caseJson)),
    )
    .on('GET', '/api/cases/{id}.json', (req) => json(200, { case: caseJson(findCase(world.store, req.params.id)) }))
    .on('POST', '/api/cases.json', (req, ctx) => {
      const body = readEntity(req, 'case');
      const subject = optString(body, 'subject');
      // A subject of spaces is accepted (GoEdgar sends one); an absent or empty one is not.
      if (!subject) throw invalid('subject_required');
      const { content, html } = readContent(body);
      const txn = begin(world);
      const store = txn.store;
      const channelIn = optString(body, 'channel') || undefined;
      const userId = optId(body, 'user_id');
      const customId = optString(body, 'user_custom_id') || undefined;
      let user;
      if (userId !== undefined && customId === undefined) {
        user = store.users.get(userId);
        if (!user) throw notFound('user');
      } else {
        user = findOrCreateUser(
          store,
          {
            email: customId === undefined ? optString(body, 'user_email') || undefined : undefined,
            phone: customId === undefined ? optString(body, 'user_phone') || undefined : undefined,
            customId,
            channel: channelIn,
            fullName: optString(body, 'user_full_name'),
          },
          txn.at,
        );
      }
      const channel = channelIn ?? user.user_custom_channel ?? 'email';
      if (/^cch\d+$/.test(channel) && !store.channelByCode(channel)) throw notFound('custom_channel');
      const labels = checkLabels(store, optIdList(body, 'labels'));
      const groupId = optId(body, 'group_id') ?? 1;
      if (!store.groups.has(groupId)) throw notFound('group');
      const staffId = optId(body, 'staff_id') ?? 0;
      checkAssignee(store, staffId);
      const priority = optString(body, 'priority') || 'normal';
      if (!PRIORITIES.includes(priority)) throw invalid('wrong_priority');
      const languageId = optId(body, 'language_id') ?? user.language_id;
      const attachments = takeAttachments(store, body);
      const c: CaseRec = {
        case_id: store.nextId('case'),
        case_number: store.nextCaseNumber(),
        subject,
        user_id: user.user_id,
        staff_id: staffId,
        group_id: groupId,
        status: optStatus(body) ?? 'open',
        priority,
        channel,
        labels: [...new Set(labels)],
        language_id: languageId,
        parent_case_id: 0,
        deleted: false,
        spam: false,
        created: txn.at,
        updated: txn.at,
        custom_fields: isRecord(body.custom_fields) ? { ...body.custom_fields } : {},
      };
      store.cases.set(c.case_id, c);
      const first = appendMessage(txn, c, {
        author: 'user',
        userId: user.user_id,
        staffId: 0,
        content,
        html,
        attachments,
      });
      user.lastContact = txn.at;
      runRules(txn, 'incoming', c, { changedBy: 'user', messageAuthor: 'user' });
      commit(world, txn, ctx);
      const files = messageJson(first, store, txn.origin).attachments;
      return json(201, { case: { ...caseJson(c), ...(files.length ? { attachments: files } : {}) } });
    })
    .on('PUT', '/api/cases/{id}.json', (req, ctx) => {
      const c = findCase(world.store, req.params.id);
      const body = readEntity(req, 'case');
      const txn = begin(world);
      const store = txn.store;
      const doneBy = `staff_${ctx.auth.staff_id}`;
      // Validate everything before changing anything: a 400 leaves the case as it was.
      const staffId = optId(body, 'staff_id');
      if (staffId !== undefined) checkAssignee(store, staffId);
      const status = optStatus(body);
      const groupId = optId(body, 'group_id');
      if (groupId !== undefined && !store.groups.has(groupId)) throw notFound('group');
      const add = checkLabels(store, optIdList(body, 'add_labels'));
      const remove = optIdList(body, 'delete_labels') ?? [];
      const replace = optIdList(body, 'labels');
      if (replace) checkLabels(store, replace);
      const subject = optString(body, 'subject') || undefined;
      const priority = optString(body, 'priority') || undefined;
      if (priority !== undefined && !PRIORITIES.includes(priority)) throw invalid('wrong_priority');
      const languageId = optId(body, 'language_id');
      if (languageId !== undefined && !store.dictionaries.languages.some((l) => l.language_id === languageId))
        throw notFound('language');

      let changed = false;
      if (staffId !== undefined) changed = setStaff(txn, c, staffId, doneBy) || changed;
      if (status !== undefined) changed = setStatus(txn, c, status, doneBy) || changed;
      if (groupId !== undefined) changed = setGroup(txn, c, groupId, doneBy) || changed;
      if (replace) {
        changed =
          changeLabels(
            txn,
            c,
            replace,
            c.labels.filter((id) => !replace.includes(id)),
            doneBy,
          ) || changed;
      }
      if (add.length || remove.length) changed = changeLabels(txn, c, add, remove, doneBy) || changed;
      if (subject !== undefined && subject !== c.subject) {
        logChange(txn, c, 'subject', doneBy, c.subject, subject);
        c.subject = subject;
        c.updated = txn.at;
        changed = true;
      }
      if (priority !== undefined && priority !== c.priority) {
        logChange(txn, c, 'priority', doneBy, c.priority, priority);
        c.priority = priority;
        c.updated = txn.at;
        changed = true;
      }
      if (languageId !== undefined && languageId !== c.language_id) {
        c.language_id = languageId;
        c.updated = txn.at;
        changed = true;
      }
      if (isRecord(body.custom_fields)) {
        // The changelog names each data field as `custom_field_<id>` (palachX fixtures).
        for (const [key, value] of Object.entries(body.custom_fields)) {
          const id = /^cf_(\d+)$/.exec(key)?.[1];
          if (id && c.custom_fields[key] !== value)
            logChange(txn, c, `custom_field_${id}`, doneBy, textOf(c.custom_fields[key]), textOf(value));
        }
        c.custom_fields = { ...c.custom_fields, ...body.custom_fields };
        c.updated = txn.at;
        changed = true;
      }
      if (changed) runRules(txn, 'changed', c, { changedBy: 'staff' });
      commit(world, txn, ctx);
      return json(200, { case: caseJson(c) });
    })
    .on('PUT', '/api/cases/{id}/rate.json', (req) => {
      const c = findCase(world.store, req.params.id);
      // palachX sends {"rate": {"rating", "rating_comment", "rated_staff_id"}} [S].
      const rate = readBodyObject(req).rate;
      if (!isRecord(rate)) throw invalid('rate_data_required');
      const rating = optString(rate, 'rating');
      if (!rating) throw invalid('rating_required');
      const staffId = optId(rate, 'rated_staff_id') ?? c.staff_id;
      if (staffId !== 0 && !world.store.staff.has(staffId)) throw notFound('staff');
      c.rating = { rating, comment: optString(rate, 'rating_comment') ?? '', staffId };
      c.updated = world.now();
      return json(200, { case: caseJson(c) });
    })
    // The idea channel (palachX; the reference's case object has `idea` {}): the idea's text,
    // stage and category, and the official response, all in `{"message": {...}}`.
    .on('PUT', '/api/cases/{id}/idea.json', (req) => {
      const c = findCase(world.store, req.params.id);
      const body = readEntity(req, 'message');
      const idea = (c.idea ??= {
        content: '',
        stage: '',
        category: 0,
        official_response: '',
        official_response_tstamp: 0,
      });
      idea.content = optString(body, 'content') ?? idea.content;
      idea.stage = optString(body, 'stage') ?? idea.stage;
      idea.category = optId(body, 'category_id') ?? idea.category;
      c.updated = world.now();
      return json(200, { case: caseJson(c) });
    })
    .on('PUT', '/api/cases/{id}/idea_official_response.json', (req) => {
      const c = findCase(world.store, req.params.id);
      const content = optString(readEntity(req, 'message'), 'content');
      if (!content) throw invalid('content_required');
      const idea = (c.idea ??= {
        content: '',
        stage: '',
        category: 0,
        official_response: '',
        official_response_tstamp: 0,
      });
      idea.official_response = content;
      idea.official_response_tstamp = Math.floor(world.now() / 1000);
      c.updated = world.now();
      return json(200, { case: caseJson(c) });
    })
    .on('DELETE', '/api/cases/{id}/idea_official_response.json', (req) => {
      const c = findCase(world.store, req.params.id);
      if (c.idea) {
        c.idea.official_response = '';
        c.idea.official_response_tstamp = 0;
      }
      return json(200, {});
    })
    .on('PUT', '/api/cases/{ids}/trash.json', (req) => bulk(world, req.params.ids, (c) => (c.deleted = true)))
    .on('PUT', '/api/cases/{ids}/restore.json', (req) =>
      bulk(world, req.params.ids, (c) => ((c.deleted = false), (c.spam = false))),
    )
    .on('PUT', '/api/cases/{ids}/spam.json', (req) => bulk(world, req.params.ids, (c) => (c.spam = true)))
    .on('DELETE', '/api/cases/{ids}.json', (req) =>
      bulk(world, req.params.ids, (c) => {
        world.store.cases.delete(c.case_id);
      }),
    );
}

/** `{ids}` may be one id (reply: the case) or a comma list (reply: `case_success_id`). */
function bulk(world: OmnideskWorld, raw: string | undefined, apply: (c: CaseRec) => unknown) {
  const parts = (raw ?? '').split(',').filter(Boolean);
  if (!parts.length || parts.some((p) => !/^\d+$/.test(p))) throw notFound('case');
  const found = parts.map((p) => world.store.cases.get(Number(p))).filter((c): c is CaseRec => c !== undefined);
  if (!found.length) throw notFound('case');
  const at = world.now();
  for (const c of found) {
    apply(c);
    c.updated = at;
  }
  if (parts.length === 1) return json(200, { case: caseJson(found[0]!) });
  return json(200, { case_success_id: found.map((c) => c.case_id) });
}
