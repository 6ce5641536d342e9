/**
 * Posts (public replies) and comments (internal notes, `visible: "staff"`) of a ticket
 * (reference §2.5 [C+]): lists newest first, 30 a page; add with `text` and an optional author
 * `user_id` (default: the key's owner) and files; edit the `text`; delete with `s-204`. A post
 * runs the dispatcher's «Новый ответ в заявке»; comments, edits and deletes fire nothing [INF].
 */
import { badRequest, int, text } from './request-body.js';
import { paginate, postJson } from './format.js';
import { ticketOf } from './routes-tickets.js';
import { API, body, data, idParam, notFound, success204, type HdeRouter, type HdeWorld } from './world.js';
import type { PostRec } from './store.js';
import type { RouteRequest } from '../../../server/router.js';

const KINDS = [
  { kind: 'posts', list: 'posts', what: 'Post', visible: undefined },
  { kind: 'comments', list: 'comments', what: 'Comment', visible: 'staff' },
] as const;

export function postRoutes(r: HdeRouter, world: HdeWorld): void {
  const { store } = world;

  for (const k of KINDS) {
    const itemOf = (req: RouteRequest): { ticketId: number; item: PostRec } => {
      const ticket = ticketOf(world, req);
      const id = idParam(req, k.what, 'post_id');
      const item = store[k.list].find((p) => p.id === id && p.ticketId === ticket.id);
      if (!item) throw notFound(k.what, id);
      return { ticketId: ticket.id, item };
    };

    r.on('GET', `${API}/tickets/{id}/${k.kind}`, (req) => {
      const ticket = ticketOf(world, req);
      const { slice, pagination } = paginate(store.postsOf(ticket.id, store[k.list]), req.query.get('page'));
      return data(
        slice.map((p) => postJson(store, p, world.origin(), k.visible)),
        pagination,
      );
    });

    r.on('POST', `${API}/tickets/{id}/${k.kind}`, async (req, { auth }) => {
      const ticket = ticketOf(world, req);
      const { fields, files } = body(req);
      const content = text(fields, 'text');
      if (!content) throw badRequest('Required field is missing: text.');
      // Without user_id the author is the key's owner (§2.5 [C+]).
      const userId = int(fields, 'user_id') ?? auth.id;
      if (!store.user(userId)) throw badRequest(`User with id {${userId}} not found.`);
      const stored = world.files.put(files);
      if (k.kind === 'comments')
        return data(postJson(store, store.addComment(ticket, userId, content, stored), world.origin(), 'staff'));
      const post = store.addPost(ticket, userId, content, stored);
      await world.dispatch(store.drainEvents());
      return data(postJson(store, post, world.origin()));
    });

    r.on('PUT', `${API}/tickets/{id}/${k.kind}/{post_id}`, (req, { auth }) => {
      const { item } = itemOf(req);
      const { fields, files } = body(req);
      const content = text(fields, 'text');
      if (!content) throw badRequest('Required field is missing: text.');
      item.text = content;
      // Files sent with an edit are added to the post's own [INF].
      if (files.length) item.files = [...item.files, ...world.files.put(files)];
      item.updatedAt = store.now();
      const ticket = store.ticket(item.ticketId, true)!;
      store.audit(ticket, auth.id, 'update', k.kind === 'posts' ? 'post' : 'comment', '', String(item.id));
      return data(postJson(store, item, world.origin(), k.visible));
    });

    r.on('DELETE', `${API}/tickets/{id}/${k.kind}/{post_id}`, (req, { auth }) => {
      const { ticketId, item } = itemOf(req);
      store[k.list] = store[k.list].filter((p) => p !== item);
      world.files.drop(item.files);
      store.audit(
        store.ticket(ticketId, true)!,
        auth.id,
        'delete',
        k.kind === 'posts' ? 'post' : 'comment',
        String(item.id),
        '',
      );
      return success204(world, `${k.what} with id {${item.id}} in ticket with id {${ticketId}} successfully deleted`);
    });
  }
}
