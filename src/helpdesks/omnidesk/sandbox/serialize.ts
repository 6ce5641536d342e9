/** Store records → the JSON shapes Omnidesk sends (field names as the API spells them). */
import { formatRfc2822 } from '../../../server/rfc2822.js';
import type {
  CaseRec,
  ChangelogRec,
  ChannelRec,
  FieldRec,
  GroupRec,
  LabelRec,
  MessageRec,
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
    staff_signature_chat: '',
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
    group_signature: '',
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
    company_name: '',
    company_position: '',
    thumbnail: '',
    confirmed: false,
    active: u.active,
    deleted: false,
    type: u.type,
    ...(u.user_email !== undefined ? { user_email: u.user_email } : {}),
    ...(u.user_custom_id !== undefined ? { user_custom_id: u.user_custom_id, user_custom_channel: u.user_custom_channel } : {}),
    language_id: 1,
    custom_fields: {},
    linked_users: [],
    created_at: date(u.created),
    updated_at: date(u.updated),
  };
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
    parent_case_id: 0,
    language_id: 1,
    custom_fields: c.custom_fields,
    labels: [...c.labels],
    locked_labels: [],
    rating: '',
    rating_comment: '',
    rated_staff_id: 0,
  };
}

function messageType(m: MessageRec): string {
  if (m.note) return 'note_regular';
  return m.author === 'user' ? 'reply_user' : 'reply_staff';
}

export function messageJson(m: MessageRec) {
  return {
    message_id: m.message_id,
    user_id: m.user_id,
    staff_id: m.staff_id,
    content: m.content,
    content_html: m.content_html,
    attachments: [],
    note: m.note,
    sent_via_rule: m.sent_via_rule,
    message_type: messageType(m),
    created_at: date(m.created),
    sent_at: date(m.created),
    rating: '',
    rating_comment: '',
    rated_staff_id: 0,
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
