/**
 * The ticket fields `POST /tickets/` and `PUT /tickets/{id}/` take (reference §2.4 [C+]; PUT takes
 * the same set, TSSDK), read from any body form and checked against the sandbox's dictionaries
 * and users. Unknown ids are a 400 naming the field: the real validation bodies are not
 * published (§1.5 [INF]), only that a client must send existing ids.
 */
import { parseHdeDate } from '../dates.js';
import { applyFieldValues } from './field-values.js';
import { badRequest, bool, int, intList, list, map, str } from './request-body.js';
import { DEPARTMENTS, PRIORITIES, STATUSES, TYPES } from './seed-data.js';
import type { HdeStore, TicketRec } from './store.js';

export type TicketPatch = Partial<
  Pick<
    TicketRec,
    | 'pid'
    | 'title'
    | 'statusId'
    | 'priorityId'
    | 'typeId'
    | 'departmentId'
    | 'ownerId'
    | 'userId'
    | 'cc'
    | 'bcc'
    | 'followers'
    | 'ticketLock'
    | 'slaDate'
    | 'freezeDate'
    | 'tags'
  >
> & { clearFreeze?: boolean; customFieldsInput?: Record<string, unknown> };

/** Record key → the API's field name, for the audit trail. */
const API_NAMES: Record<string, string> = {
  pid: 'pid',
  title: 'title',
  statusId: 'status_id',
  priorityId: 'priority_id',
  typeId: 'type_id',
  departmentId: 'department_id',
  ownerId: 'owner_id',
  userId: 'user_id',
  cc: 'cc',
  bcc: 'bcc',
  followers: 'followers',
  ticketLock: 'ticket_lock',
  slaDate: 'sla_date',
  freezeDate: 'freeze_date',
  tags: 'tags',
};

const EMAIL = /^[^@\s]+@[^@\s]+$/;

function dictionaryId(fields: Record<string, unknown>, name: string, known: Array<{ id: number }>): number | undefined {
  const id = int(fields, name);
  if (id !== undefined && !known.some((k) => k.id === id))
    throw badRequest(`Unknown ${name} {${id}}; known: ${known.map((k) => k.id).join(', ')}.`);
  return id;
}

/** `DD.MM.YYYY HH:MM` (§2.4 [C+]); the other API date forms are read too [INF]. */
function slaLike(fields: Record<string, unknown>, name: string): Date | undefined | null {
  const raw = str(fields, name);
  if (raw === undefined) return undefined;
  if (raw === 'null' || raw === '0') return null;
  const date = parseHdeDate(raw);
  if (!date) throw badRequest(`Field ${name} must be a date as DD.MM.YYYY HH:MM, got "${raw}".`);
  return date;
}

function emails(fields: Record<string, unknown>, name: string): string[] | undefined {
  const items = list(fields, name);
  for (const e of items ?? []) if (!EMAIL.test(e)) throw badRequest(`Field ${name}: "${e}" is not an e-mail address.`);
  return items;
}

export type ValueMode = 'lenient' | 'strict';

export function readTicketPatch(
  store: HdeStore,
  fields: Record<string, unknown>,
  mode: ValueMode = 'lenient',
): TicketPatch {
  const patch: TicketPatch = {};
  const title = str(fields, 'title');
  if (title !== undefined) patch.title = title;
  const statusId = str(fields, 'status_id');
  if (statusId !== undefined) {
    if (!STATUSES.some((s) => s.id === statusId))
      throw badRequest(`Unknown status_id "${statusId}"; known: ${STATUSES.map((s) => s.id).join(', ')}.`);
    patch.statusId = statusId;
  }
  const priorityId = dictionaryId(fields, 'priority_id', PRIORITIES);
  if (priorityId !== undefined) patch.priorityId = priorityId;
  const typeId = dictionaryId(fields, 'type_id', TYPES);
  if (typeId !== undefined) patch.typeId = typeId;
  const departmentId = dictionaryId(fields, 'department_id', DEPARTMENTS);
  if (departmentId !== undefined) patch.departmentId = departmentId;
  const ownerId = int(fields, 'owner_id');
  if (ownerId !== undefined) {
    if (ownerId !== 0 && !store.isStaff(ownerId)) throw badRequest(`owner_id {${ownerId}} is not a staff user.`);
    patch.ownerId = ownerId;
  }
  const userId = int(fields, 'user_id');
  if (userId !== undefined) {
    if (!store.user(userId)) throw badRequest(`User with id {${userId}} not found.`);
    patch.userId = userId;
  }
  const pid = int(fields, 'pid');
  if (pid !== undefined) {
    if (pid !== 0 && !store.ticket(pid, true)) throw badRequest(`Parent ticket (pid) with id {${pid}} not found.`);
    patch.pid = pid;
  }
  const followers = intList(fields, 'followers');
  if (followers !== undefined) {
    for (const id of followers)
      if (!store.isStaff(id)) throw badRequest(`followers: user {${id}} is not a staff user.`);
    patch.followers = followers;
  }
  const cc = emails(fields, 'cc');
  if (cc !== undefined) patch.cc = cc;
  const bcc = emails(fields, 'bcc');
  if (bcc !== undefined) patch.bcc = bcc;
  const tags = list(fields, 'tags');
  if (tags !== undefined) patch.tags = [...new Set(tags)];
  const lock = bool(fields, 'ticket_lock');
  if (lock !== undefined) patch.ticketLock = lock;
  const sla = slaLike(fields, 'sla_date');
  if (sla) patch.slaDate = sla;
  // `freeze_date` freezes the ticket until then (PHPSDK create [C1]); "null" unfreezes [INF].
  const freeze = slaLike(fields, 'freeze_date');
  if (freeze) patch.freezeDate = freeze;
  if (freeze === null) patch.clearFreeze = true;
  const custom = map(fields, 'custom_fields');
  if (custom !== undefined) {
    applyFieldValues(store.directory, 'tickets', {}, custom, mode);
    patch.customFieldsInput = custom;
  }
  return patch;
}

/** Applies a patch; returns what changed as [field, old, new], for the audit trail. */
export function applyTicketPatch(
  store: HdeStore,
  ticket: TicketRec,
  patch: TicketPatch,
  mode: ValueMode = 'lenient',
): Array<[string, string, string]> {
  const changes: Array<[string, string, string]> = [];
  const { clearFreeze, customFieldsInput, ...rest } = patch;
  const record = ticket as unknown as Record<string, unknown>;
  const show = (v: unknown) =>
    v instanceof Date ? v.toISOString() : typeof v === 'string' ? v : JSON.stringify(v ?? '');
  for (const [key, value] of Object.entries(rest)) {
    const before = show(record[key]);
    record[key] = value;
    if (before !== show(value)) changes.push([API_NAMES[key] ?? key, before, show(value)]);
  }
  if (customFieldsInput) {
    const next = applyFieldValues(store.directory, 'tickets', ticket.customFields, customFieldsInput, mode);
    for (const id of new Set([...Object.keys(ticket.customFields), ...Object.keys(next)])) {
      if (show(ticket.customFields[id]) !== show(next[id]))
        changes.push([`custom_field_${id}`, show(ticket.customFields[id]), show(next[id])]);
    }
    ticket.customFields = next;
  }
  if (clearFreeze && ticket.freezeDate) {
    changes.push(['freeze_date', show(ticket.freezeDate), '']);
    ticket.freezeDate = undefined;
  }
  return changes;
}
