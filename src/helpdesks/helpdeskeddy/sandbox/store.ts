/**
 * The HelpDeskEddy sandbox's data: seeded dictionaries, users (staff told apart by their group's
 * type), tickets, posts and comments. Records keep numeric ids, as the real JSON mostly does;
 * `format.ts` turns them into the API's shapes. Every change a dispatcher rule can react to is
 * queued; the handler that made it takes its own events with `drainEvents()` right after the
 * change, so a sync rule can hold exactly that API call until its webhook is delivered.
 */

export type Names = { ru: string; en: string; ua: string };

export interface GroupRec {
  id: number;
  type: 'staff' | 'user';
  name: Names;
}

export interface UserRec {
  id: number;
  name: string;
  lastname: string;
  email: string;
  status: 'active' | 'inactive' | 'disabled' | 'fired';
  groupId: number;
  departmentIds: number[];
  createdAt: Date;
  updatedAt: Date;
}

export interface TicketRec {
  id: number;
  uniqueId: string;
  title: string;
  statusId: string;
  priorityId: number;
  typeId: number;
  departmentId: number;
  ownerId: number;
  userId: number;
  source: string;
  metaChatId: string;
  deleted: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface PostRec {
  id: number;
  ticketId: number;
  userId: number;
  text: string;
  files: Array<{ name: string; size: number }>;
  createdAt: Date;
  updatedAt: Date;
}

export type StoreEvent =
  | { type: 'new_ticket'; ticketId: number; postId: number }
  | { type: 'new_reply'; ticketId: number; postId: number };

export const GROUPS: GroupRec[] = [
  { id: 1, type: 'staff', name: { ru: 'Администраторы', en: 'Administrators', ua: 'Адміністратори' } },
  { id: 2, type: 'staff', name: { ru: 'Сотрудники', en: 'Staff', ua: 'Співробітники' } },
  { id: 3, type: 'user', name: { ru: 'Клиенты', en: 'Clients', ua: 'Клієнти' } },
];
export const CLIENT_GROUP_ID = 3;

export const DEPARTMENTS: Array<{ id: number; name: Names }> = [
  { id: 1, name: { ru: 'Поддержка', en: 'Support', ua: 'Підтримка' } },
];

export const STATUSES: Array<{ id: string; name: Names }> = [
  { id: 'open', name: { ru: 'Открыта', en: 'Open', ua: 'Відкрита' } },
  { id: 'process', name: { ru: 'В обработке', en: 'In progress', ua: 'В обробці' } },
  { id: 'closed', name: { ru: 'Выполнена', en: 'Closed', ua: 'Виконана' } },
];

export class HdeStore {
  users: UserRec[] = [];
  tickets: TicketRec[] = [];
  posts: PostRec[] = [];
  comments: PostRec[] = [];
  private nextUser = 1;
  private nextTicket = 101;
  // Posts and comments draw from one global, increasing sequence, as the real ids suggest.
  private nextPost = 1001;
  private events: StoreEvent[] = [];

  constructor(
    private readonly apiEmail: string,
    private readonly now: () => Date,
  ) {
    this.reset();
  }

  reset(): void {
    this.users = [];
    this.tickets = [];
    this.posts = [];
    this.comments = [];
    this.nextUser = 1;
    this.nextTicket = 101;
    this.nextPost = 1001;
    this.events = [];
    this.addUser({ name: 'Администратор', email: this.apiEmail, groupId: 1 });
    this.addUser({ name: 'Оператор', email: 'operator@sandbox.test', groupId: 2 });
    this.addUser({ name: 'Иван', lastname: 'Петров', email: 'client@sandbox.test', groupId: CLIENT_GROUP_ID });
  }

  /** The user whose key the API is called with: the seeded administrator. */
  get apiUser(): UserRec {
    return this.users[0]!;
  }

  group(user: UserRec): GroupRec {
    return GROUPS.find((g) => g.id === user.groupId) ?? GROUPS[2]!;
  }

  isStaff(userId: number): boolean {
    const user = this.user(userId);
    return user ? this.group(user).type === 'staff' : false;
  }

  user(id: number): UserRec | undefined {
    return this.users.find((u) => u.id === id);
  }

  userByEmail(email: string): UserRec | undefined {
    const e = email.trim().toLowerCase();
    return this.users.find((u) => u.email.toLowerCase() === e);
  }

  addUser(input: { name: string; email: string; lastname?: string; groupId?: number }): UserRec {
    const at = this.now();
    const user: UserRec = {
      id: this.nextUser++,
      name: input.name,
      lastname: input.lastname ?? '',
      email: input.email,
      status: 'active',
      groupId: input.groupId ?? CLIENT_GROUP_ID,
      departmentIds: input.groupId && input.groupId !== CLIENT_GROUP_ID ? [1] : [],
      createdAt: at,
      updatedAt: at,
    };
    this.users.push(user);
    return user;
  }

  ticket(id: number, includeDeleted = false): TicketRec | undefined {
    return this.tickets.find((t) => t.id === id && (includeDeleted || !t.deleted));
  }

  createTicket(input: {
    title: string;
    description: string;
    userId: number;
    fromUser: boolean;
    departmentId?: number;
    statusId?: string;
    priorityId?: number;
    ownerId?: number;
    metaChatId?: string;
    files?: PostRec['files'];
  }): TicketRec {
    const at = this.now();
    const id = this.nextTicket++;
    const ticket: TicketRec = {
      id,
      uniqueId: `SBX-${String(id).padStart(5, '0')}`,
      title: input.title,
      statusId: input.statusId ?? 'open',
      priorityId: input.priorityId ?? 1,
      typeId: 0,
      departmentId: input.departmentId ?? 1,
      ownerId: input.ownerId ?? 0,
      userId: input.userId,
      source: 'api',
      metaChatId: input.metaChatId ?? '',
      deleted: false,
      createdAt: at,
      updatedAt: at,
    };
    this.tickets.push(ticket);
    // The ticket has no body field: the description is its first post (reference §2.3).
    const post = this.pushPost(this.posts, ticket, input.fromUser ? input.userId : this.apiUser.id, input.description, input.files);
    this.events.push({ type: 'new_ticket', ticketId: id, postId: post.id });
    return ticket;
  }

  addPost(ticket: TicketRec, userId: number, text: string, files?: PostRec['files']): PostRec {
    const post = this.pushPost(this.posts, ticket, userId, text, files);
    this.events.push({ type: 'new_reply', ticketId: ticket.id, postId: post.id });
    return post;
  }

  /** Internal notes fire no «Новый ответ в заявке» rule. */
  addComment(ticket: TicketRec, userId: number, text: string, files?: PostRec['files']): PostRec {
    return this.pushPost(this.comments, ticket, userId, text, files);
  }

  touch(ticket: TicketRec): void {
    ticket.updatedAt = this.now();
  }

  drainEvents(): StoreEvent[] {
    const out = this.events;
    this.events = [];
    return out;
  }

  /** Newest first, as the API lists them. */
  postsOf(ticketId: number, list: PostRec[] = this.posts): PostRec[] {
    return list.filter((p) => p.ticketId === ticketId).sort((a, b) => b.id - a.id);
  }

  private pushPost(list: PostRec[], ticket: TicketRec, userId: number, text: string, files: PostRec['files'] = []): PostRec {
    const at = this.now();
    const post: PostRec = { id: this.nextPost++, ticketId: ticket.id, userId, text, files, createdAt: at, updatedAt: at };
    list.push(post);
    ticket.updatedAt = at;
    return post;
  }
}
