/**
 * HelpDeskEddy entities as omnibot sees them after the client's boundary: every id is a string
 * (the API mixes numbers and string slugs, reference §3), localized names are flattened to one
 * string with the original kept, and dates keep the API's text plus a parsed value. Recipes,
 * verify and the reference bot code against `HelpdeskeddyApi`; `http.ts` implements it.
 */

/** `{ru, en, ua}` as the API sends names; any language may be missing. */
export type Names = Partial<Record<'ru' | 'en' | 'ua', string>>;

export interface HdeDepartment {
  id: string;
  /** ru, else en, else whatever the API gave. */
  name: string;
  names: Names;
}

export interface HdeStatus {
  /** A slug: `open`, `process`, `closed` or a custom one. */
  id: string;
  name: string;
  names: Names;
}

export interface HdeUserGroup {
  id: string;
  /** `staff` for employees (administrators included), `user` for clients. */
  type: string;
  name: string;
}

export interface HdeUser {
  id: string;
  name: string;
  lastname: string;
  email: string;
  status: string;
  group: HdeUserGroup;
  /** `group.type === "staff"`. */
  isStaff: boolean;
  /**
   * The record carried a non-empty `api_key`: keys are visible only to the main administrator
   * (reference §2.7), so this hints at main-admin rights. The key itself is never kept.
   */
  apiKeyVisible: boolean;
  date_created: string;
  createdAt?: Date;
}

export interface HdeTicket {
  id: string;
  unique_id: string;
  title: string;
  status_id: string;
  department_id: string;
  priority_id: string;
  /** "0" when nobody is assigned. */
  owner_id: string;
  user_id: string;
  user_email: string;
  user_name: string;
  source: string;
  deleted: boolean;
  date_created: string;
  date_updated: string;
  createdAt?: Date;
  updatedAt?: Date;
}

export interface HdeFile {
  name: string;
  url: string;
}

/** A public reply (`/posts/`) or an internal note (`/comments/`): the API gives both one shape. */
export interface HdePost {
  id: string;
  ticket_id: string;
  user_id: string;
  /** HTML, as the API keeps it. */
  text: string;
  date_created: string;
  createdAt?: Date;
  files: HdeFile[];
}

export interface Pagination {
  total: number;
  perPage: number;
  currentPage: number;
  totalPages: number;
}

export interface Page<T> {
  items: T[];
  pagination: Pagination;
}

export interface CreateTicketInput {
  title: string;
  /** HTML allowed; becomes the first post. */
  description: string;
  user_email?: string;
  user_id?: string;
  /** true (the API's default): the first post is the client's; false: the API user's. */
  create_from_user?: boolean;
  department_id?: string;
  status_id?: string;
  priority_id?: string;
  owner_id?: string;
}

export interface UpdateTicketInput {
  title?: string;
  status_id?: string;
  owner_id?: string;
  department_id?: string;
  priority_id?: string;
}

export interface TicketFilter {
  page?: number;
  search?: string;
  status_list?: string[];
  user_list?: string[];
  owner_list?: string[];
  /** e.g. `date_created{desc}` (the API's default). */
  order_by?: string;
}

export interface UserFilter {
  page?: number;
  search?: string;
  group_list?: string[];
}

/** From `X-Rate-Limit` / `X-Rate-Limit-Remaining` of the latest response. */
export interface HdeRateInfo {
  limitPerMinute?: number;
  remaining?: number;
  /** What omnibot allows itself (config `rateLimitPerMinute`). */
  clientLimitPerMinute: number;
}

export interface HelpdeskeddyApi {
  /** The account origin, e.g. https://acme.helpdeskeddy.com (no /api/v2). */
  readonly baseUrl: string;
  readonly email: string;
  /** True when the server announced itself as the omnibot sandbox (`x-omnibot-sandbox`). */
  isSandbox(): Promise<boolean>;
  rate(): HdeRateInfo;
  /** Sandbox-only admin calls under `/_sandbox/` (dispatcher rules, faults, deliveries, ban). */
  adminRequest<T = unknown>(method: 'GET' | 'POST' | 'DELETE' | 'PATCH', path: string, body?: unknown): Promise<T>;

  listDepartments(): Promise<HdeDepartment[]>;
  listStatuses(): Promise<HdeStatus[]>;

  listUsers(filter?: UserFilter): Promise<Page<HdeUser>>;
  /** The user whose e-mail matches exactly (case-insensitive), via `search`. */
  findUserByEmail(email: string): Promise<HdeUser | undefined>;
  getUser(id: string): Promise<HdeUser>;
  /** Staff users (group.type "staff"), across pages. */
  listStaff(): Promise<HdeUser[]>;

  createTicket(input: CreateTicketInput): Promise<HdeTicket>;
  listTickets(filter?: TicketFilter): Promise<Page<HdeTicket>>;
  getTicket(id: string): Promise<HdeTicket>;
  updateTicket(id: string, patch: UpdateTicketInput): Promise<HdeTicket>;
  /** `permanent: false` moves the ticket to the trash (the API's default). */
  deleteTicket(id: string, options?: { permanent?: boolean }): Promise<void>;

  /** Newest first, 30 a page. */
  listPosts(ticketId: string, options?: { page?: number }): Promise<Page<HdePost>>;
  createPost(ticketId: string, post: { text: string; user_id?: string }): Promise<HdePost>;
  listComments(ticketId: string, options?: { page?: number }): Promise<Page<HdePost>>;
  createComment(ticketId: string, comment: { text: string; user_id?: string }): Promise<HdePost>;
}
