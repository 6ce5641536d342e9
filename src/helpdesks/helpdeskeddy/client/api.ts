/**
 * `HelpdeskeddyApi` over a transport: paths, query strings and request bodies as reference §2
 * gives them, answers normalised by `normalize.ts`. No HTTP library here, so the methods can be
 * exercised over any transport.
 */
import * as N from './normalize.js';
import type {
  CreateTicketInput,
  HdeDepartment,
  HdePost,
  HdeRateInfo,
  HdeStatus,
  HdeTicket,
  HdeUser,
  HelpdeskeddyApi,
  Page,
  TicketFilter,
  UpdateTicketInput,
  UserFilter,
} from './types.js';

export interface TransportRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
  /** Relative to `/api/v2` (or absolute `/_sandbox/…`), with its trailing slash. */
  path: string;
  body?: unknown;
}

export interface Transport {
  readonly origin: string;
  readonly email: string;
  call(req: TransportRequest): Promise<unknown>;
  isSandbox(): Promise<boolean>;
  rate(): HdeRateInfo;
}

type Raw = Record<string, unknown>;

/** How far `listStaff` and `findUserByEmail` page before giving up (30 a page). */
const MAX_PAGES = 50;

function qs(params: Record<string, string | number | undefined>): string {
  const pairs = Object.entries(params).filter((e): e is [string, string | number] => e[1] !== undefined && e[1] !== '');
  return pairs.length
    ? `?${new URLSearchParams(pairs.map(([k, v]): [string, string] => [k, String(v)])).toString()}`
    : '';
}

const list = (v: string[] | undefined) => (v && v.length ? v.join(',') : undefined);
const seg = (id: string) => encodeURIComponent(id);

/** Ids go back as numbers where the API documents numbers; an id that is not numeric stays a string. */
function idValue(id: string | undefined): number | string | undefined {
  if (id === undefined || id === '') return undefined;
  return /^\d+$/.test(id) ? Number(id) : id;
}

function compact(input: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
}

export class HelpdeskeddyClient implements HelpdeskeddyApi {
  constructor(private readonly t: Transport) {}

  get baseUrl(): string {
    return this.t.origin;
  }

  get email(): string {
    return this.t.email;
  }

  isSandbox(): Promise<boolean> {
    return this.t.isSandbox();
  }

  rate(): HdeRateInfo {
    return this.t.rate();
  }

  adminRequest<T = unknown>(method: 'GET' | 'POST' | 'DELETE' | 'PATCH', path: string, body?: unknown): Promise<T> {
    const p = path.startsWith('/') ? path : `/${path}`;
    if (!p.startsWith('/_sandbox/')) throw new TypeError(`adminRequest is for /_sandbox/ paths, not ${p}`);
    return this.t.call({ method, path: p, body }) as Promise<T>;
  }

  private async get(path: string): Promise<Raw> {
    return (await this.t.call({ method: 'GET', path })) as Raw;
  }

  async listDepartments(): Promise<HdeDepartment[]> {
    return N.listOf((await this.get('/departments/')).data).map(N.department);
  }

  async listStatuses(): Promise<HdeStatus[]> {
    return N.listOf((await this.get('/statuses/')).data).map(N.status);
  }

  async listUsers(filter: UserFilter = {}): Promise<Page<HdeUser>> {
    const body = await this.get(
      `/users/${qs({ page: filter.page, search: filter.search, group_list: list(filter.group_list) })}`,
    );
    return N.page(body, N.user, filter.page);
  }

  async findUserByEmail(email: string): Promise<HdeUser | undefined> {
    const wanted = email.trim().toLowerCase();
    for (let p = 1; p <= MAX_PAGES; p++) {
      const { items, pagination } = await this.listUsers({ search: email.trim(), page: p });
      const hit = items.find((u) => u.email.trim().toLowerCase() === wanted);
      if (hit) return hit;
      if (p >= pagination.totalPages || items.length === 0) return undefined;
    }
    return undefined;
  }

  async getUser(id: string): Promise<HdeUser> {
    return N.user(N.oneOf((await this.get(`/users/${seg(id)}/`)).data));
  }

  async listStaff(): Promise<HdeUser[]> {
    const staff: HdeUser[] = [];
    for (let p = 1; p <= MAX_PAGES; p++) {
      const { items, pagination } = await this.listUsers({ page: p });
      staff.push(...items.filter((u) => u.isStaff));
      if (p >= pagination.totalPages || items.length === 0) break;
    }
    return staff;
  }

  async createTicket(input: CreateTicketInput): Promise<HdeTicket> {
    const body = compact({
      title: input.title,
      description: input.description,
      user_email: input.user_email,
      user_id: idValue(input.user_id),
      create_from_user: input.create_from_user === undefined ? undefined : input.create_from_user ? 1 : 0,
      department_id: idValue(input.department_id),
      status_id: input.status_id,
      priority_id: idValue(input.priority_id),
      owner_id: idValue(input.owner_id),
    });
    const res = (await this.t.call({ method: 'POST', path: '/tickets/', body })) as Raw;
    return N.ticket(N.oneOf(res.data));
  }

  async listTickets(filter: TicketFilter = {}): Promise<Page<HdeTicket>> {
    const query = qs({
      page: filter.page,
      search: filter.search,
      status_list: list(filter.status_list),
      user_list: list(filter.user_list),
      owner_list: list(filter.owner_list),
      order_by: filter.order_by,
    });
    const result = N.page(await this.get(`/tickets/${query}`), N.ticket, filter.page);
    return { ...result, items: N.orderTickets(result.items, filter.order_by) };
  }

  async getTicket(id: string): Promise<HdeTicket> {
    return N.ticket(N.oneOf((await this.get(`/tickets/${seg(id)}/`)).data));
  }

  async updateTicket(id: string, patch: UpdateTicketInput): Promise<HdeTicket> {
    const body = compact({
      title: patch.title,
      status_id: patch.status_id,
      owner_id: idValue(patch.owner_id),
      department_id: idValue(patch.department_id),
      priority_id: idValue(patch.priority_id),
    });
    const res = (await this.t.call({ method: 'PUT', path: `/tickets/${seg(id)}/`, body })) as Raw;
    return N.ticket(N.oneOf(res.data));
  }

  async deleteTicket(id: string, options: { permanent?: boolean } = {}): Promise<void> {
    await this.t.call({
      method: 'DELETE',
      path: `/tickets/${seg(id)}/${qs({ delete: options.permanent ? 'true' : 'false' })}`,
    });
  }

  private async listReplies(kind: 'posts' | 'comments', ticketId: string, pageNo?: number): Promise<Page<HdePost>> {
    const result = N.page(await this.get(`/tickets/${seg(ticketId)}/${kind}/${qs({ page: pageNo })}`), N.post, pageNo);
    return { ...result, items: N.newestFirst(result.items) };
  }

  private async createReply(
    kind: 'posts' | 'comments',
    ticketId: string,
    input: { text: string; user_id?: string },
  ): Promise<HdePost> {
    const body = compact({ text: input.text, user_id: idValue(input.user_id) });
    const res = (await this.t.call({ method: 'POST', path: `/tickets/${seg(ticketId)}/${kind}/`, body })) as Raw;
    return N.post(N.oneOf(res.data));
  }

  listPosts(ticketId: string, options: { page?: number } = {}): Promise<Page<HdePost>> {
    return this.listReplies('posts', ticketId, options.page);
  }

  createPost(ticketId: string, post: { text: string; user_id?: string }): Promise<HdePost> {
    return this.createReply('posts', ticketId, post);
  }

  listComments(ticketId: string, options: { page?: number } = {}): Promise<Page<HdePost>> {
    return this.listReplies('comments', ticketId, options.page);
  }

  createComment(ticketId: string, comment: { text: string; user_id?: string }): Promise<HdePost> {
    return this.createReply('comments', ticketId, comment);
  }
}
