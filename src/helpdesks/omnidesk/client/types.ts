/**
 * Omnidesk entities as omnibot uses them (field names as the API sends them), and the client
 * interface that recipes, verify and the reference bot code against. `http.ts` implements it.
 */

export interface Label {
  label_id: number;
  label_title: string;
}

export interface Staff {
  staff_id: number;
  staff_email: string;
  staff_full_name: string;
  active: boolean;
  status?: string;
  status_id?: number;
  created_at?: string;
  updated_at?: string;
}

export interface StaffStatus {
  status_id: number;
  status: string;
  active: boolean;
}

export interface Group {
  group_id: number;
  group_title: string;
  active: boolean;
}

export interface OmnideskUser {
  user_id: number;
  user_full_name?: string;
  user_email?: string;
  user_custom_id?: string;
  user_custom_channel?: string;
  type?: string;
  active?: boolean;
  created_at?: string;
}

export type CaseStatus = 'open' | 'waiting' | 'closed';

export interface Case {
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
  deleted: boolean;
  spam: boolean;
  created_at: string;
  updated_at: string;
  custom_fields?: Record<string, unknown>;
}

export interface Message {
  message_id: number;
  user_id: number;
  staff_id: number;
  content: string;
  content_html?: string;
  note: boolean;
  sent_via_rule?: boolean;
  created_at: string;
}

export interface CustomChannel {
  channel_id: number;
  channel_api_key: string;
  title: string;
  channel_type: 'async' | 'sync';
  icon?: string;
  webhook_url: string;
  active: boolean;
}

export interface CustomField {
  field_id: number;
  title: string;
  field_type: string;
  field_level: 'user' | 'case';
  active: boolean;
  field_data: unknown;
}

export interface ChangelogEntry {
  created_at: string;
  event: string;
  done_by: string;
  old_value?: string;
  value?: string;
}

export interface CreateCaseInput {
  subject: string;
  content: string;
  user_email?: string;
  user_full_name?: string;
  user_custom_id?: string;
  channel?: string;
  labels?: number[];
  group_id?: number;
  status?: CaseStatus;
}

export interface UpdateCaseInput {
  staff_id?: number;
  status?: CaseStatus;
  group_id?: number;
  add_labels?: number[];
  delete_labels?: number[];
  subject?: string;
}

export interface CaseFilter {
  status?: CaseStatus[];
  labels?: number[];
  staff_id?: number[];
  channel?: string[];
  user_id?: number[];
  user_custom_id?: string[];
  subject?: string;
  show_active_chats?: boolean;
}

/** Read from `api_calls_left` / `rate_limit_per_minute` on every response. */
export interface RateInfo {
  limitPerMinute?: number;
  callsLeft?: number;
}

export interface OmnideskApi {
  readonly baseUrl: string;
  /** True when the server announced itself as the omnibot sandbox (`x-omnibot-sandbox`). */
  isSandbox(): Promise<boolean>;
  rate(): RateInfo;
  /** Sandbox-only admin calls under `/_sandbox/` (rules, custom channels, faults, deliveries). */
  adminRequest<T = unknown>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T>;

  listLabels(): Promise<Label[]>;
  createLabel(title: string): Promise<Label>;
  deleteLabel(id: number): Promise<void>;

  listStaff(): Promise<Staff[]>;
  getStaff(id: number): Promise<Staff>;
  listStaffStatuses(): Promise<StaffStatus[]>;
  listGroups(): Promise<Group[]>;

  listUsers(filter?: {
    user_email?: string;
    user_custom_id?: string;
    user_custom_channel?: string;
  }): Promise<OmnideskUser[]>;
  getUser(id: number): Promise<OmnideskUser>;

  createCase(input: CreateCaseInput): Promise<Case>;
  getCase(id: number): Promise<Case>;
  listCases(filter?: CaseFilter): Promise<Case[]>;
  updateCase(id: number, patch: UpdateCaseInput): Promise<Case>;
  trashCase(id: number): Promise<void>;
  getChangelog(caseId: number): Promise<ChangelogEntry[]>;

  listMessages(caseId: number): Promise<Message[]>;
  /** As the customer (`user_id`) or as staff (`staff_id`). */
  createMessage(caseId: number, message: { content: string; user_id?: number; staff_id?: number }): Promise<Message>;
  createNote(caseId: number, note: { content: string; staff_id?: number }): Promise<Message>;

  listCustomChannels(): Promise<CustomChannel[]>;
  listCustomFields(): Promise<CustomField[]>;
}
