/**
 * Messages (as the customer or as staff), notes, and the changelog of a case. A new message is
 * a change: the customer's reopens a waiting or closed case, and changed rules run with
 * `changed_by` set to whoever wrote it.
 */
import { json } from '../../../server/http.js';
import type { RouteRequest, Router } from '../../../server/router.js';
import type { CallContext } from '../../../server/sandbox-server.js';
import { invalid, notFound, optId, readContent, readEntity } from './api-errors.js';
import { appendMessage, setStatus } from './case-ops.js';
import { keyedList, readPage, slicePage } from './envelope.js';
import { runRules } from './rules.js';
import { changelogJson, messageJson } from './serialize.js';
import type { StaffRec } from './store.js';
import { activeStaff, findCase } from './routes-cases.js';
import { begin, commit, type OmnideskWorld } from './world.js';

type Ctx = CallContext<StaffRec>;

export function messageRoutes(router: Router<Ctx>, world: OmnideskWorld): void {
  router.on('GET', '/api/cases/{id}/messages.json', (req) => {
    const c = findCase(world.store, req.params.id);
    const order = req.query.get('order') ?? 'asc';
    if (order !== 'asc' && order !== 'desc') throw invalid('wrong_order');
    const all = world.store.messagesOf(c.case_id);
    const page = readPage(req.query);
    // Without a page the API answers with the latest messages (the last `limit`), still in order.
    let items = page.explicit ? slicePage(order === 'asc' ? all : [...all].reverse(), page) : all.slice(-page.limit);
    if (!page.explicit && order === 'desc') items = items.reverse();
    return json(200, keyedList('message', items.map(messageJson), all.length));
  });

  router.on('POST', '/api/cases/{id}/messages.json', (req, ctx) => {
    const c = findCase(world.store, req.params.id);
    const body = readEntity(req, 'message');
    const { content, html } = readContent(body);
    const staffId = optId(body, 'staff_id') ?? 0;
    const userId = optId(body, 'user_id') ?? 0;
    const txn = begin(world);
    let message;
    if (staffId > 0) {
      activeStaff(txn.store, staffId);
      message = appendMessage(txn, c, { author: 'staff', userId: 0, staffId, content, html });
      runRules(txn, 'changed', c, { changedBy: 'staff', messageAuthor: 'staff' });
    } else if (userId > 0) {
      if (!txn.store.users.has(userId)) throw notFound('user');
      // Sandbox-only: a chat bot's message in the customer's conversation (seed 004, Chaport).
      const author = body.sent_by_bot === true ? 'bot' : 'user';
      message = appendMessage(txn, c, { author, userId, staffId: 0, content, html });
      if (c.status !== 'open') setStatus(txn, c, 'open', `user_${userId}`);
      runRules(txn, 'changed', c, { changedBy: 'user', messageAuthor: author });
    } else {
      throw invalid('user_id_or_staff_id_required');
    }
    commit(world, txn, ctx);
    return json(201, { message: messageJson(message) });
  });

  const note = (req: RouteRequest, ctx: Ctx) => {
    const c = findCase(world.store, req.params.id);
    const body = readEntity(req, 'note');
    const { content, html } = readContent(body);
    const staffId = optId(body, 'staff_id') || ctx.auth.staff_id;
    const txn = begin(world);
    activeStaff(txn.store, staffId);
    const message = appendMessage(txn, c, { author: 'staff', userId: 0, staffId, content, html, note: true });
    runRules(txn, 'changed', c, { changedBy: 'staff', messageAuthor: 'staff' });
    commit(world, txn, ctx);
    return json(201, { message: messageJson(message) });
  };
  // palachX posts to note.json; a 2016 client used notes.json.
  router.on('POST', '/api/cases/{id}/note.json', note).on('POST', '/api/cases/{id}/notes.json', note);

  router.on('GET', '/api/cases/{id}/changelog.json', (req) => {
    const c = findCase(world.store, req.params.id);
    const entries = world.store.changelog.filter((e) => e.case_id === c.case_id).map(changelogJson);
    return json(200, { changelog: entries });
  });
}
