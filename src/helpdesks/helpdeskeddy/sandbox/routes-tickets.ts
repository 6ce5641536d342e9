/**
 * Tickets (reference §2.1–§2.4): the filtered list keyed by id with the total as a string, one
 * ticket, create (`title` and `description` required; `user_email` finds or creates the client;
 * the description becomes the first post), partial update, delete to the trash or for good,
 * merging (`union`), the audit trail and time billing.
 */
import { formatDateTime } from '../dates.js';
import { badRequest, bool, intList, str, text } from './request-body.js';
import { paginate, ticketJson } from './format.js';
import { listTickets } from './ticket-query.js';
import { applyTicketPatch, readTicketPatch } from './ticket-input.js';
import {
  API,
  body,
  data,
  idParam,
  keyed,
  notFound,
  reader,
  success204,
  type HdeRouter,
  type HdeWorld,
} from './world.js';
import type { HdeStore, TicketRec } from './store.js';
import type { RouteRequest } from '../../../server/router.js';

export function ticketOf(world: HdeWorld, req: RouteRequest): TicketRec {
  const id = idParam(req, 'Ticket');
  const ticket = world.store.ticket(id, world.behaviour.trashedTicketOpens);
  if (!ticket) throw notFound('Ticket', id);
  return ticket;
}

function clientFor(store: HdeStore, fields: Record<string, unknown>, fallback: number): number {
  const userId = fields.user_id;
  if (userId !== undefined && userId !== null && userId !== '')
    return readTicketPatch(store, { user_id: userId }).userId!;
  const email = str(fields, 'user_email');
  if (!email) return fallback;
  if (!/^[^@\s]+@[^@\s]+$/.test(email)) throw badRequest(`user_email "${email}" is not an e-mail address.`);
  // A new e-mail silently creates the client (reference §2.4 [C+]).
  return (store.userByEmail(email) ?? store.addUser({ name: str(fields, 'user_name') ?? email.split('@')[0]!, email }))
    .id;
}

export function ticketRoutes(r: HdeRouter, world: HdeWorld): void {
  const { store } = world;

  r.on('GET', `${API}/tickets`, (req) => {
    const tickets = listTickets(store, reader(world, req), world.behaviour);
    const { slice, pagination } = paginate(tickets, req.query.get('page'), {
      totalAsString: world.behaviour.ticketTotalAsString,
    });
    return keyed(
      slice.map((t) => [t.id, ticketJson(store, t)]),
      pagination,
    );
  });

  r.on('POST', `${API}/tickets`, async (req, { auth }) => {
    const { fields, files } = body(req);
    const title = str(fields, 'title');
    const description = text(fields, 'description');
    if (!title || !description)
      throw badRequest(
        `Required fields are missing: ${[!title && 'title', !description && 'description']
          .filter(Boolean)
          .join(', ')}.`,
      );
    const mode = world.behaviour.customFieldValues;
    const patch = readTicketPatch(store, { ...fields, user_id: undefined }, mode);
    const userId = clientFor(store, fields, auth.id);
    const { clearFreeze: _clear, customFieldsInput, ...rest } = patch;
    const ticket = store.createTicket(
      {
        ...rest,
        title,
        description,
        userId,
        fromUser: bool(fields, 'create_from_user') ?? true,
        metaChatId: str(fields, 'meta_chat_id') ?? '',
        files: world.files.put(files),
      },
      auth.id,
    );
    // Already checked by readTicketPatch, so this cannot fail after the ticket exists.
    if (customFieldsInput) applyTicketPatch(store, ticket, { customFieldsInput }, mode);
    await world.dispatch(store.drainEvents());
    return data(ticketJson(store, ticket));
  });

  r.on('GET', `${API}/tickets/{id}`, (req, { auth }) => {
    const ticket = ticketOf(world, req);
    // The key's owner is staff: opening the ticket marks it read by staff [INF].
    if (store.isStaff(auth.id)) ticket.viewedByStaff = 1;
    return data(ticketJson(store, ticket));
  });

  r.on('PUT', `${API}/tickets/{id}`, (req, { auth }) => {
    const ticket = ticketOf(world, req);
    const { fields } = body(req);
    const mode = world.behaviour.customFieldValues;
    const changes = applyTicketPatch(store, ticket, readTicketPatch(store, fields, mode), mode);
    for (const [field, before, after] of changes) store.audit(ticket, auth.id, 'update', field, before, after);
    if (changes.length) store.touch(ticket);
    return data(ticketJson(store, ticket));
  });

  r.on('DELETE', `${API}/tickets/{id}`, (req, { auth }) => {
    const ticket = ticketOf(world, req);
    // `delete=true` deletes for good; the default moves to the trash (§2.1 [C+]).
    if (/^(true|1)$/i.test(req.query.get('delete') ?? '')) {
      for (const p of [...store.posts, ...store.comments]) if (p.ticketId === ticket.id) world.files.drop(p.files);
      store.removeTicket(ticket);
    } else if (!ticket.deleted) {
      ticket.deleted = true;
      store.audit(ticket, auth.id, 'delete', 'deleted', '0', '1');
      store.touch(ticket);
    }
    return success204(world, `Ticket with id {${ticket.id}} successfully deleted`);
  });

  // `{ticket_list:[…]}` merges tickets into this one (§2.1 [C1 TSSDK]). What happens to them is
  // not published: their posts and comments move here and they go to the trash with this as pid [INF].
  r.on('POST', `${API}/tickets/{id}/union`, (req, { auth }) => {
    const target = ticketOf(world, req);
    const ids = intList(body(req).fields, 'ticket_list');
    if (!ids || ids.length === 0) throw badRequest('Required field is missing: ticket_list.');
    const others = ids.map((id) => {
      if (id === target.id) throw badRequest(`ticket_list: a ticket cannot be merged into itself ({${id}}).`);
      const t = store.ticket(id);
      if (!t) throw badRequest(`ticket_list: ticket with id {${id}} not found.`);
      return t;
    });
    for (const t of others) {
      for (const p of [...store.posts, ...store.comments]) if (p.ticketId === t.id) p.ticketId = target.id;
      t.deleted = true;
      t.pid = target.id;
      store.audit(target, auth.id, 'union', 'ticket', '', String(t.id));
    }
    store.touch(target);
    return data(ticketJson(store, target));
  });

  r.on('GET', `${API}/tickets/{id}/audit`, (req) => {
    const ticket = ticketOf(world, req);
    const entries = store.auditLog.filter((a) => a.ticketId === ticket.id).sort((a, b) => b.id - a.id);
    const { slice, pagination } = paginate(entries, req.query.get('page'));
    return keyed(
      slice.map((a) => [
        a.id,
        {
          id: a.id,
          ticket_id: a.ticketId,
          user_id: a.userId,
          action: a.action,
          field: a.field,
          old_value: a.oldValue,
          new_value: a.newValue,
          date_created: formatDateTime(a.createdAt),
        },
      ]),
      pagination,
    );
  });

  // No time is ever logged in the sandbox, so a ticket's billing is always empty.
  r.on('GET', `${API}/tickets/{id}/billing`, (req) => {
    ticketOf(world, req);
    return data([], paginate([], req.query.get('page')).pagination);
  });
}
