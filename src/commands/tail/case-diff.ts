/**
 * What changed on a case between two looks at it: new messages and notes, labels added and
 * removed, a new assignee, a new status, rules that fired. Pure, so `tail --case` and its tests
 * share it; names for ids come from lookups the caller supplies.
 */
import type { Case, ChangelogEntry, Message } from '../../helpdesks/omnidesk/client/types.js';
import { excerpt, type TimelineKind } from '../../verify/timeline.js';

export interface CaseSnapshot {
  case: Case;
  messages: Message[];
  changelog: ChangelogEntry[];
}

export interface CaseChange {
  kind: TimelineKind;
  text: string;
  data?: Record<string, unknown>;
}

export interface Names {
  label(id: number): string;
  staff(id: number): string;
}

export function describeMessage(m: Message, names: Names): CaseChange {
  const text = `«${excerpt(m.content || m.content_html || '', 80)}»`;
  if (m.note)
    return { kind: 'note', text: `note by ${names.staff(m.staff_id)}: ${text}`, data: { messageId: m.message_id } };
  if (m.staff_id > 0) {
    const via = m.sent_via_rule ? ' (via a rule)' : '';
    return {
      kind: 'message',
      text: `${names.staff(m.staff_id)} replied${via}: ${text}`,
      data: { messageId: m.message_id, staffId: m.staff_id },
    };
  }
  return { kind: 'message', text: `user wrote: ${text}`, data: { messageId: m.message_id, userId: m.user_id } };
}

/** Changes from `prev` to `next`; with no `prev`, the case's history so far. */
export function diffCase(prev: CaseSnapshot | undefined, next: CaseSnapshot, names: Names): CaseChange[] {
  const out: CaseChange[] = [];
  const seenMessages = new Set((prev?.messages ?? []).map((m) => m.message_id));
  const rulesBefore = (prev?.changelog ?? []).filter((e) => e.event === 'rules').length;
  const rules = next.changelog.filter((e) => e.event === 'rules');
  for (const r of rules.slice(rulesBefore)) {
    out.push({
      kind: 'rule-fired',
      text: `rule fired: ${r.old_value ?? r.value ?? r.done_by}`,
      data: { doneBy: r.done_by },
    });
  }
  for (const m of next.messages) if (!seenMessages.has(m.message_id)) out.push(describeMessage(m, names));
  if (!prev) return out;

  const before = new Set(prev.case.labels);
  const after = new Set(next.case.labels);
  for (const id of next.case.labels) {
    if (!before.has(id))
      out.push({ kind: 'label-added', text: `label «${names.label(id)}» added`, data: { labelId: id } });
  }
  for (const id of prev.case.labels) {
    if (!after.has(id))
      out.push({ kind: 'label-removed', text: `label «${names.label(id)}» removed`, data: { labelId: id } });
  }
  if (next.case.staff_id !== prev.case.staff_id) {
    const who = next.case.staff_id > 0 ? names.staff(next.case.staff_id) : 'nobody';
    out.push({ kind: 'assigned', text: `assigned to ${who}`, data: { staffId: next.case.staff_id } });
  }
  if (next.case.status !== prev.case.status) {
    out.push({
      kind: 'status-changed',
      text: `status ${prev.case.status} → ${next.case.status}`,
      data: { status: next.case.status },
    });
  }
  if (next.case.deleted && !prev.case.deleted)
    out.push({ kind: 'status-changed', text: 'moved to the trash', data: { deleted: true } });
  return out;
}
