/**
 * The HelpDeskEddy sandbox's core data: users (staff told apart by their group's type), tickets,
 * posts, comments and each ticket's audit trail. Records keep numeric ids, as the real JSON
 * mostly does; `format.ts` turns them into the API's shapes. Every change a dispatcher rule can
 * react to is queued; the handler that made it takes its own events with `drainEvents()` right
 * after the change, so a sync rule can hold exactly that API call until its webhook is delivered.
 * Organizations, notes, custom fields and the knowledge base live in `directory.ts`.
 */
import { Directory } from './directory.js';
import { CLIENT_GROUP_ID, DEFAULT_PRIORITY_ID, GROUPS, type GroupRec } from './seed-data.js';

export { CLIENT_GROUP_ID, DEPARTMENTS, GROUPS, PRIORITIES, STATUSES, TYPES, USER_STATUSES } from './seed-data.js';
export type { Names, GroupRec } from './seed-data.js';

export type FieldValues = Record<string, unknown>;

export interface UserRec {
  id: number;
  name: string;
  lastname: string;
  alias: string;
  email: string;
  phone: string;
  skype: string;
  website: string;
  organizationId: number;
  status: 'active' | 'inactive' | 'disabled' | 'fired';
  language: string;
  notifications: number;
  groupId: number;
  departmentIds: number[];
  userStatus: number;
  customFields: FieldValues;
  createdAt: Date;
  updatedAt: Date;
}

export interface TicketRec {
  id: number;
  pid: number;
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
  cc: string[];
  bcc: string[];
  followers: number[];
  ticketLock: boolean;
  slaDate?: Date;
  freezeDate?: Date;
  customFields: FieldValues;
  tags: string[];
  viewedByStaff: number;
  viewedByClient: number;
  deleted: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface StoredFileRef {
  hash: string;
  name: string;
  size: number;
}

export interface PostRec {
  id: number;
  ticketId: number;
  userId: number;
  text: string;
  files: StoredFileRef[];
  createdAt: Date;
  updatedAt: Date;
}

/** One line of `/tickets/{id}/audit/`; the field names are the sandbox's [INF]. */
export interface AuditRec {
  id: number;
  ticketId: number;
  userId: number;
  action: string;
  field: string;
  oldValue: string;
  newValue: string;
  createdAt: Date;
}

export type StoreEvent =
  { type: 'new_ticket'; ticketId: number; postId: number } | { type: 'new_reply'; ticketId: number; postId: number };

export type TicketInput = Partial<Omit<TicketRec, 'id' | 'uniqueId' | 'createdAt' | 'updatedAt' | 'deleted'>> & {
  title: string;
  description: string;
  userId: number;
  fromUser: boolean;
  files?: StoredFileRef[];
};

export class HdeStore {
  users: UserRec[] = [];
  tickets: TicketRec[] = [];
  posts: PostRec[] = [];
  comments: PostRec[] = [];
  auditLog: AuditRec[] = [];
  directory!: Directory;
  private nextUser = 1;
  private nextTicket = 101;
  // Posts and comments draw from one global, increasing sequence, as the real ids suggest (§6).
  private nextPost = 1001;
  private nextAudit = 1;
  private events: StoreEvent[] = [];

  constructor(
    private readonly apiEmail: string,
    readonly now: () => Date,
  ) {
    this.reset();
  }

  reset(): void {
    this.users = [];
    this.tickets = [];
    this.posts = [];
    this.comments = [];
    this.auditLog = [];
    this.nextUser = 1;
    this.nextTicket = 101;
    this.nextPost = 1001;
    this.nextAudit = 1;
    this.events = [];
    this.directory = new Directory(this.now);
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

  addUser(input: Partial<Omit<UserRec, 'id' | 'createdAt' | 'updatedAt'>> & { name: string; email: string }): UserRec {
    const at = this.now();
    const groupId = input.groupId ?? CLIENT_GROUP_ID;
    const user: UserRec = {
      lastname: '',
      alias: '',
      phone: '',
      skype: '',
      website: '',
      organizationId: 0,
      status: 'active',
      language: 'ru',
      notifications: 1,
      departmentIds: groupId !== CLIENT_GROUP_ID ? [1] : [],
      userStatus: 0,
      customFields: {},
      ...input,
      groupId,
      id: this.nextUser++,
      createdAt: at,
      updatedAt: at,
    };
    this.users.push(user);
    return user;
  }

  removeUser(user: UserRec): void {
    this.users = this.users.filter((u) => u !== user);
    this.directory.forgetUser(user.id);
  }

  /** A ticket by id; one in the trash only when asked for. */
  ticket(id: number, includeDeleted = false): TicketRec | undefined {
    return this.tickets.find((t) => t.id === id && (includeDeleted || !t.deleted));
  }

  createTicket(input: TicketInput, actorId: number): TicketRec {
    const at = this.now();
    const id = this.nextTicket++;
    const { description, fromUser, files, ...fields } = input;
    const ticket: TicketRec = {
      pid: 0,
      statusId: 'open',
      priorityId: DEFAULT_PRIORITY_ID,
      typeId: 0,
      departmentId: 1,
      ownerId: 0,
      source: 'api',
      metaChatId: '',
      cc: [],
      bcc: [],
      followers: [],
      ticketLock: false,
      customFields: {},
      tags: [],
      viewedByStaff: 0,
      viewedByClient: fromUser ? 1 : 0,
      ...fields,
      id,
      uniqueId: `SBX-${String(id).padStart(5, '0')}`,
      deleted: false,
      createdAt: at,
      updatedAt: at,
    };
    this.tickets.push(ticket);
    // The ticket has no body field: the description is its first post (reference §2.3 [C+]).
    const post = this.pushPost(this.posts, ticket, fromUser ? input.userId : this.apiUser.id, description, files);
    this.audit(ticket, actorId, 'create');
    this.events.push({ type: 'new_ticket', ticketId: id, postId: post.id });
    return ticket;
  }

  removeTicket(ticket: TicketRec): void {
    this.tickets = this.tickets.filter((t) => t !== ticket);
    this.posts = this.posts.filter((p) => p.ticketId !== ticket.id);
    this.comments = this.comments.filter((p) => p.ticketId !== ticket.id);
    this.auditLog = this.auditLog.filter((a) => a.ticketId !== ticket.id);
  }

  addPost(ticket: TicketRec, userId: number, text: string, files?: StoredFileRef[]): PostRec {
    const post = this.pushPost(this.posts, ticket, userId, text, files);
    // Who read the ticket last [INF]: a client post is unread by staff, a staff post by the client.
    if (this.isStaff(userId)) {
      ticket.viewedByClient = 0;
      ticket.viewedByStaff = 1;
    } else {
      ticket.viewedByStaff = 0;
      ticket.viewedByClient = 1;
    }
    this.audit(ticket, userId, 'post_added', 'post', '', String(post.id));
    this.events.push({ type: 'new_reply', ticketId: ticket.id, postId: post.id });
    return post;
  }

  /** Internal notes fire no «Новый ответ в заявке» rule. */
  addComment(ticket: TicketRec, userId: number, text: string, files?: StoredFileRef[]): PostRec {
    const comment = this.pushPost(this.comments, ticket, userId, text, files);
    this.audit(ticket, userId, 'comment_added', 'comment', '', String(comment.id));
    return comment;
  }

  touch(ticket: TicketRec): void {
    ticket.updatedAt = this.now();
  }

  audit(ticket: TicketRec, userId: number, action: string, field = '', oldValue = '', newValue = ''): void {
    this.auditLog.push({
      id: this.nextAudit++,
      ticketId: ticket.id,
      userId,
      action,
      field,
      oldValue,
      newValue,
      createdAt: this.now(),
    });
  }

  drainEvents(): StoreEvent[] {
    const out = this.events;
    this.events = [];
    return out;
  }

  /** Newest first, as the API lists them (§2.5 [C+]). */
  postsOf(ticketId: number, list: PostRec[] = this.posts): PostRec[] {
    return list.filter((p) => p.ticketId === ticketId).sort((a, b) => b.id - a.id);
  }

  private pushPost(
    list: PostRec[],
    ticket: TicketRec,
    userId: number,
    text: string,
    files: StoredFileRef[] = [],
  ): PostRec {
    const at = this.now();
    const post: PostRec = {
      id: this.nextPost++,
      ticketId: ticket.id,
      userId,
      text,
      files,
      createdAt: at,
      updatedAt: at,
    };
    list.push(post);
    ticket.updatedAt = at;
    return post;
  }
}
