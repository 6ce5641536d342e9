/**
 * Every change to a case goes through here, so the changelog is written the same way whoever
 * makes the change: staff through the API (`staff_<id>`), the customer (`user_<id>`) or a rule
 * (`rule_<id>`).
 */
import type { CaseStatus } from '../client/types.js';
import { messageNewHook } from './custom-channel-webhook.js';
import type { CaseRec, MessageAuthor, MessageRec } from './store.js';
import type { Txn } from './world.js';

export function logChange(
  txn: Txn,
  c: CaseRec,
  event: string,
  doneBy: string,
  oldValue?: string,
  value?: string,
): void {
  txn.store.changelog.push({
    case_id: c.case_id,
    at: txn.at,
    event,
    done_by: doneBy,
    ...(oldValue !== undefined ? { old_value: oldValue } : {}),
    ...(value !== undefined ? { value } : {}),
  });
}

function touch(txn: Txn, c: CaseRec): void {
  c.updated = txn.at;
}

export function setStatus(txn: Txn, c: CaseRec, status: CaseStatus, doneBy: string): boolean {
  if (c.status === status) return false;
  logChange(txn, c, 'status', doneBy, c.status, status);
  c.status = status;
  if (status === 'closed') c.closed = txn.at;
  else delete c.closed;
  touch(txn, c);
  return true;
}

export function setStaff(txn: Txn, c: CaseRec, staffId: number, doneBy: string): boolean {
  if (c.staff_id === staffId) return false;
  logChange(txn, c, 'staff', doneBy, String(c.staff_id), String(staffId));
  c.staff_id = staffId;
  touch(txn, c);
  return true;
}

export function setGroup(txn: Txn, c: CaseRec, groupId: number, doneBy: string): boolean {
  if (c.group_id === groupId) return false;
  logChange(txn, c, 'group', doneBy, String(c.group_id), String(groupId));
  c.group_id = groupId;
  touch(txn, c);
  return true;
}

function titles(txn: Txn, ids: number[]): string {
  return ids.map((id) => txn.store.labels.get(id)?.label_title ?? String(id)).join(', ');
}

/** Adds and removes labels in one step; one changelog entry with the titles before and after. */
export function changeLabels(txn: Txn, c: CaseRec, add: number[], remove: number[], doneBy: string): boolean {
  const next = c.labels.filter((id) => !remove.includes(id));
  for (const id of add) if (!next.includes(id)) next.push(id);
  const same = next.length === c.labels.length && next.every((id) => c.labels.includes(id));
  if (same) return false;
  logChange(txn, c, 'labels', doneBy, titles(txn, c.labels), titles(txn, next));
  c.labels = next;
  touch(txn, c);
  return true;
}

export interface NewMessage {
  author: MessageAuthor;
  userId: number;
  staffId: number;
  content: string;
  html?: string;
  note?: boolean;
  viaRule?: boolean;
  /** File ids from takeAttachments. */
  attachments?: number[];
  /** A delayed send (`send_at`), epoch ms. */
  sendAt?: number;
}

export function appendMessage(txn: Txn, c: CaseRec, input: NewMessage): MessageRec {
  const message: MessageRec = {
    message_id: txn.store.nextId('message'),
    case_id: c.case_id,
    user_id: input.author === 'staff' ? 0 : input.userId,
    staff_id: input.author === 'staff' ? input.staffId : 0,
    content: input.content,
    content_html: input.html ?? '',
    note: input.note ?? false,
    sent_via_rule: input.viaRule ?? false,
    author: input.author,
    attachments: input.attachments ?? [],
    created: txn.at,
    sent: input.sendAt ?? txn.at,
  };
  txn.store.messages.push(message);
  if (input.author === 'staff' && !message.note) c.lastResponse = txn.at;
  touch(txn, c);
  const hook = messageNewHook(txn.store, c, message, txn.origin);
  if (hook) txn.outbox.push(hook);
  return message;
}

export function hasStaffReply(txn: Txn, c: CaseRec): boolean {
  return txn.store.messages.some((m) => m.case_id === c.case_id && m.author === 'staff' && !m.note && !m.sent_via_rule);
}
