/**
 * `GET /tickets/` filters and sort orders, every one the reference lists (§2.2 [C+]): search,
 * exact_search, user_list, owner_list, status_list, priority_list, type_list, freeze, deleted,
 * from/to_date_created, from/to_date_updated and order_by over date_created, date_updated,
 * viewed_by_staff and viewed_by_client (default `date_created{desc}`). What `search` looks at is
 * not published; the sandbox matches the title, the display id, the client's name and e-mail,
 * and the text of the posts [INF].
 */
import { stripHtml } from '../template.js';
import { comparator, dateParam, flag, idList, orderBy, slugList, within, type QueryReader } from './list-query.js';
import type { Behaviour } from './behaviour.js';
import type { HdeStore, TicketRec } from './store.js';

export const TICKET_SORT_FIELDS = ['date_created', 'date_updated', 'viewed_by_staff', 'viewed_by_client'] as const;

function searchable(store: HdeStore, t: TicketRec): string[] {
  const client = store.user(t.userId);
  const texts = store.posts.filter((p) => p.ticketId === t.id).map((p) => stripHtml(p.text));
  return [
    t.title,
    t.uniqueId,
    client?.email ?? '',
    `${client?.name ?? ''} ${client?.lastname ?? ''}`.trim(),
    ...texts,
  ].map((s) => s.toLowerCase());
}

export function listTickets(store: HdeStore, r: QueryReader, behaviour: Behaviour): TicketRec[] {
  const search = r.query.get('search')?.trim().toLowerCase();
  const exact = r.query.get('exact_search')?.trim() === behaviour.exactSearchValue;
  const users = idList(r, 'user_list');
  const owners = idList(r, 'owner_list');
  const statuses = slugList(r, 'status_list');
  const priorities = idList(r, 'priority_list');
  const types = idList(r, 'type_list');
  const freeze = flag(r, 'freeze');
  const deleted = flag(r, 'deleted') ?? 0;
  const createdFrom = dateParam(r, 'from_date_created');
  const createdTo = dateParam(r, 'to_date_created');
  const updatedFrom = dateParam(r, 'from_date_updated');
  const updatedTo = dateParam(r, 'to_date_updated');
  const keys = orderBy(r, TICKET_SORT_FIELDS, [{ field: 'date_created', desc: true }]);
  const now = store.now().getTime();

  return store.tickets
    .filter((t) => {
      if ((t.deleted ? 1 : 0) !== deleted) return false;
      if (users && !users.includes(t.userId)) return false;
      if (owners && !owners.includes(t.ownerId)) return false;
      if (statuses && !statuses.includes(t.statusId)) return false;
      if (priorities && !priorities.includes(t.priorityId)) return false;
      if (types && !types.includes(t.typeId)) return false;
      if (freeze !== undefined) {
        const frozen = t.freezeDate !== undefined && t.freezeDate.getTime() > now ? 1 : 0;
        if (frozen !== freeze) return false;
      }
      if (!within(t.createdAt, createdFrom, createdTo) || !within(t.updatedAt, updatedFrom, updatedTo)) return false;
      if (search) {
        const fields = searchable(store, t);
        if (exact ? !fields.includes(search) : !fields.some((f) => f.includes(search))) return false;
      }
      return true;
    })
    .sort(
      comparator<TicketRec>(keys, (t, field) =>
        field === 'date_created'
          ? t.createdAt
          : field === 'date_updated'
            ? t.updatedAt
            : field === 'viewed_by_staff'
              ? t.viewedByStaff
              : t.viewedByClient,
      ),
    );
}
