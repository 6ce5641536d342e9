/**
 * The Omnidesk sandbox's in-memory account. Records keep times as epoch ms; `serialize.ts`
 * turns them into the API's shapes and RFC 2822 strings. Ids are deliberately large (cases
 * around 2.1e8, users above 2^32, `case_number` like "664-245651") so clients that assume
 * small or 32-bit ids fail here, not in production.
 */
import type { OmnideskRuleSpec } from '../specs.js';
import type { CaseStatus } from '../client/types.js';

export interface StaffRec {
  staff_id: number;
  staff_email: string;
  staff_full_name: string;
  staff_signature: string;
  staff_signature_chat: string;
  active: boolean;
  status_id: number;
  created: number;
  updated: number;
}

export interface StaffStatusRec {
  status_id: number;
  status: string;
  active: boolean;
  /** Not in the API: whether the status lets staff take live chats (seed 004's distinction). */
  chatAccess: boolean;
}

export interface GroupRec {
  group_id: number;
  group_title: string;
  group_from_name: string;
  group_signature: string;
  active: boolean;
  created: number;
  updated: number;
}

export interface LabelRec {
  label_id: number;
  label_title: string;
}

export interface UserRec {
  user_id: number;
  user_full_name: string;
  user_email?: string;
  user_phone?: string;
  user_custom_id?: string;
  user_custom_channel?: string;
  /** Other identifiers (`telegram_id`, `user_whatsapp_phone`, …) as given. */
  extra: Record<string, string>;
  type: string;
  company_name: string;
  company_position: string;
  company_id?: number;
  user_note: string;
  language_id: number;
  custom_fields: Record<string, unknown>;
  linked_users: number[];
  active: boolean;
  blocked: boolean;
  deleted: boolean;
  created: number;
  updated: number;
  lastContact?: number;
}

export interface CompanyRec {
  company_id: number;
  company_name: string;
  company_domains: string[];
  company_default_group: number;
  company_address: string;
  company_note: string;
  active: boolean;
  blocked: boolean;
  deleted: boolean;
  created: number;
  updated: number;
}

/** An uploaded attachment, kept in memory (bounded, see files.ts) and served at its url. */
export interface FileRec {
  file_id: number;
  file_name: string;
  file_size: number;
  mime_type: string;
  /** Absent for `attachment_urls`: those stay at the URL the client gave. */
  data?: Buffer;
  url?: string;
}

export interface CaseRec {
  case_id: number;
  case_number: string;
  subject: string;
  user_id: number;
  staff_id: number;
  group_id: number;
  status: CaseStatus;
  priority: string;
  channel: string;
  labels: number[];
  language_id: number;
  /** Set when the case was merged into another one (then hidden unless show_merged_cases). */
  parent_case_id: number;
  rating?: { rating: string; comment: string; staffId: number };
  /** An idea-channel case's idea (§2.1 case object `idea` {}; fields [S palachX]). */
  idea?: {
    content: string;
    stage: string;
    category: number;
    official_response: string;
    official_response_tstamp: number;
  };
  deleted: boolean;
  spam: boolean;
  created: number;
  updated: number;
  closed?: number;
  lastResponse?: number;
  custom_fields: Record<string, unknown>;
}

export type MessageAuthor = 'user' | 'staff' | 'bot';

export interface MessageRec {
  message_id: number;
  case_id: number;
  user_id: number;
  staff_id: number;
  content: string;
  content_html: string;
  note: boolean;
  sent_via_rule: boolean;
  author: MessageAuthor;
  attachments: number[];
  rating?: { rating: string; comment: string };
  created: number;
  /** Later than `created` for a delayed send (`send_at`). */
  sent: number;
}

export interface ChangelogRec {
  case_id: number;
  at: number;
  event: string;
  done_by: string;
  old_value?: string;
  value?: string;
}

export interface ChannelRec {
  channel_id: number;
  channel_api_key: string;
  title: string;
  channel_type: 'async' | 'sync';
  icon: string;
  webhook_url: string;
  active: boolean;
}

export interface FieldRec {
  field_id: number;
  title: string;
  field_type: string;
  field_level: 'user' | 'case';
  active: boolean;
  field_data: unknown;
}

/** A saved case filter (`filter=<id>` on the case list): its name and the query it stands for. */
export interface FilterRec {
  filter_id: number;
  filter_name: string;
  is_selected: boolean;
  is_custom: boolean;
  query: Record<string, string | string[]>;
}

/** A knowledge-base category, section or article, or an idea category (routes-kb.ts). */
export interface KbRec {
  id: number;
  position: number;
  active: boolean;
  created: number;
  updated: number;
  fields: Record<string, unknown>;
}

export interface RuleRec {
  rule_id: number;
  spec: OmnideskRuleSpec;
  created: number;
}

/** First id of each kind; the next object gets the next number. */
const FIRST_ID = {
  label: 301,
  user: 5_654_846_848,
  case: 210_004_501,
  caseNumber: 245_651,
  message: 913_377_001,
  channel: 12,
  field: 94,
  rule: 1332,
  staff: 4,
  group: 2,
  company: 70_001,
  file: 3_100_001,
  status: 6,
} as const;

type IdKind = keyof typeof FIRST_ID;

export interface SandboxDictionaries {
  languages: Array<{ language_id: number; code: string; title: string; active: boolean }>;
  staff_roles: Array<{ role_id: number; role: string }>;
  client_emails: Array<{ email_id: number; email: string; active: boolean }>;
  macros: { common: Record<string, unknown>; personal: Record<string, unknown> };
}

export class OmnideskStore {
  staff = new Map<number, StaffRec>();
  statuses = new Map<number, StaffStatusRec>();
  groups = new Map<number, GroupRec>();
  labels = new Map<number, LabelRec>();
  users = new Map<number, UserRec>();
  cases = new Map<number, CaseRec>();
  messages: MessageRec[] = [];
  changelog: ChangelogRec[] = [];
  channels = new Map<number, ChannelRec>();
  fields = new Map<number, FieldRec>();
  rules = new Map<number, RuleRec>();
  companies = new Map<number, CompanyRec>();
  files = new Map<number, FileRec>();
  /** Bytes held by `files`, bounded by files.ts. */
  fileBytes = 0;
  filters = new Map<number, FilterRec>();
  /** Knowledge base and idea categories, by entity (routes-kb.ts). */
  kb: Partial<Record<'kb_category' | 'kb_section' | 'kb_article' | 'ideas_category', Map<number, KbRec>>> = {};
  /** Read-only dictionaries from templates/omnidesk/sandbox-data.json. */
  dictionaries: SandboxDictionaries = {
    languages: [],
    staff_roles: [],
    client_emails: [],
    macros: { common: {}, personal: {} },
  };
  private ids: Record<IdKind, number> = { ...FIRST_ID };

  nextId(kind: IdKind): number {
    return this.ids[kind]++;
  }

  /** Omnidesk's case number: a three-digit account prefix and a six-digit sequence. */
  nextCaseNumber(): string {
    return `664-${String(this.nextId('caseNumber')).padStart(6, '0')}`;
  }

  messagesOf(caseId: number): MessageRec[] {
    return this.messages.filter((m) => m.case_id === caseId);
  }

  labelByTitle(title: string): LabelRec | undefined {
    for (const label of this.labels.values()) if (label.label_title === title) return label;
    return undefined;
  }

  channelByCode(code: string): ChannelRec | undefined {
    for (const ch of this.channels.values()) if (ch.channel_api_key === code) return ch;
    return undefined;
  }

  userByEmail(email: string): UserRec | undefined {
    const e = email.trim().toLowerCase();
    for (const u of this.users.values()) if (!u.deleted && u.user_email?.toLowerCase() === e) return u;
    return undefined;
  }

  staffByEmail(email: string): StaffRec | undefined {
    const e = email.trim().toLowerCase();
    for (const s of this.staff.values()) if (s.staff_email.toLowerCase() === e) return s;
    return undefined;
  }
}
