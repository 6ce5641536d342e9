/** Store records → the JSON shapes Omnidesk sends (field names as the API spells them). */
import { formatRfc2822 } from '../dates.js';
import { fileJson } from './files.js';
import type {
  CaseRec,
  ChangelogRec,
  ChannelRec,
  CompanyRec,
  FieldRec,
  FilterRec,
  GroupRec,
  LabelRec,
  MessageRec,
  OmnideskStore,
  StaffRec,
  StaffStatusRec,
  UserRec,
} from './store.js';

const date = (ms: number) => formatRfc2822(ms);

export function staffJson(s: StaffRec) {
  return {
    staff_id: s.staff_id,
    staff_email: s.staff_email,
    staff_full_name: s.staff_full_name,
    staff_signature: s.staff_signature,
    staff_signature_chat: s.staff_signature_chat,
    thumbnail: '',
    active: s.active,
    // The legacy string field only knows online/offline.
    status: s.status_id === 1 ? 'online' : 'offline',
    status_id: s.status_id,
    created_at: date(s.created),
    updated_at: date(s.updated),
  };
}

export function staffStatusJson(s: StaffStatusRec) {
  return { status_id: s.status_id, status: s.status, active: s.active };
}

export function groupJson(g: GroupRec) {
  return {
    group_id: g.group_id,
    group_title: g.group_title,
    group_from_name: g.group_from_name,
    group_signature: g.group_signature,
    active: g.active,
    created_at: date(g.created),
    updated_at: date(g.updated),
  };
}

export function labelJson(l: LabelRec) {
  return { label_id: l.label_id, label_title: l.label_title };
}

export function userJson(u: UserRec) {
  return {
    user_id: u.user_id,
    user_full_name: u.user_full_name,
    // Read unconditionally by vint47/omnidesk-bundle (2024) [S]; its content is not documented [I: the name].
    user_screen_name: u.user_full_name,
    company_name: u.company_name,
    company_position: u.company_position,
    thumbnail: '',
    confirmed: false,
    active: u.active,
    deleted: u.deleted,
    type: u.type,
    ...(u.user_email !== undefined ? { user_email: u.user_email } : {}),
    ...(u.user_phone !== undefined ? { user_phone: u.user_phone } : {}),
    ...(u.user_custom_id !== undefined
      ? { user_custom_id: u.user_custom_id, user_custom_channel: u.user_custom_channel }
      : {}),
    ...u.extra,
    user_note: u.user_note,
    language_id: u.language_id,
    custom_fields: u.custom_fields,
    linked_users: [...u.linked_users],
    created_at: date(u.created),
    updated_at: date(u.updated),
    last_contact_at: u.lastContact === undefined ? '-' : date(u.lastContact),
  };
}

export function companyJson(c: CompanyRec, amountOfUsers?: number) {
  return {
    company_id: c.company_id,
    company_name: c.company_name,
    company_domains: c.company_domains.join(','),
    company_default_group: c.company_default_group,
    company_address: c.company_address,
    company_note: c.company_note,
    active: c.active,
    deleted: c.deleted,
    created_at: date(c.created),
    updated_at: date(c.updated),
    ...(amountOfUsers !== undefined ? { amount_of_users: amountOfUsers } : {}),
  };
}

export function filterJson(f: FilterRec) {
  return { filter_id: f.filter_id, filter_name: f.filter_name, is_selected: f.is_selected, is_custom: f.is_custom };
}

export function caseJson(c: CaseRec) {
  return {
    case_id: c.case_id,
    case_number: c.case_number,
    subject: c.subject,
    user_id: c.user_id,
    staff_id: c.staff_id,
    group_id: c.group_id,
    status: c.status,
    priority: c.priority,
    channel: c.channel,
    recipient: '',
    cc_emails: '',
    bcc_emails: '',
    deleted: c.deleted,
    spam: c.spam,
    created_at: date(c.created),
    updated_at: date(c.updated),
    // Omnidesk writes "-" for "not yet" rather than null.
    closed_at: c.closed === undefined ? '-' : date(c.closed),
    last_response_at: c.lastResponse === undefined ? '-' : date(c.lastResponse),
    closing_speed: c.closed === undefined ? '-' : Math.round((c.closed - c.created) / 60_000),
    parent_case_id: c.parent_case_id,
    language_id: c.language_id,
    custom_fields: c.custom_fields,
    labels: [...c.labels],
    locked_labels: [],
    rating: c.rating?.rating ?? '',
    rating_comment: c.rating?.comment ?? '',
    rated_staff_id: c.rating?.staffId ?? 0,
    ...(c.idea ? { idea: { ...c.idea } } : {}),
  };
}

function messageType(m: MessageRec): string {
  if (m.note) return 'note_regular';
  return m.author === 'user' ? 'reply_user' : 'reply_staff';
}

/** A message with its attachments resolved to file objects (their url built on `origin`). */
export function messageJson(m: MessageRec, store: OmnideskStore, origin: string) {
  return {
    message_id: m.message_id,
    user_id: m.user_id,
    staff_id: m.staff_id,
    content: m.content,
    content_html: m.content_html,
    attachments: m.attachments.map((id) => fileJson(store, origin, id)).filter((f) => f !== undefined),
    note: m.note,
    sent_via_rule: m.sent_via_rule,
    message_type: messageType(m),
    created_at: date(m.created),
    sent_at: date(m.sent),
    rating: m.rating?.rating ?? '',
    rating_comment: m.rating?.comment ?? '',
    rated_staff_id: m.rating ? m.staff_id : 0,
  };
}

export function changelogJson(e: ChangelogRec) {
  return {
    created_at: date(e.at),
    event: e.event,
    done_by: e.done_by,
    ...(e.old_value !== undefined ? { old_value: e.old_value } : {}),
    ...(e.value !== undefined ? { value: e.value } : {}),
  };
}

export function channelJson(c: ChannelRec) {
  return {
    channel_id: c.channel_id,
    channel_api_key: c.channel_api_key,
    title: c.title,
    channel_type: c.channel_type,
    icon: c.icon,
    webhook_url: c.webhook_url,
    active: c.active,
  };
}

export function fieldJson(f: FieldRec) {
  return {
    field_id: f.field_id,
    title: f.title,
    field_type: f.field_type,
    field_level: f.field_level,
    active: f.active,
    field_data: f.field_data,
  };
}
