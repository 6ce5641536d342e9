/**
 * Messages and notes of a case (reference §2.2), and its changelog. A new message is a change:
 * the customer's reopens a waiting or closed case, and changed rules run with `changed_by` set to
 * whoever wrote it. Messages and notes can be edited and deleted [S palachX], and rated.
 */
import { isRecord, json } from '../../../server/http.js';
import type { RouteRequest, Router } from '../../../server/router.js';
import type { CallContext } from '../../../server/sandbox-server.js';
import { parseTimeFilter } from '../dates.js';
import { invalid, notFound, optBool, optId, optString, readContent } from './api-errors.js';
import { appendMessage, setStatus } from './case-ops.js';
import { keyedList, readPage, slicePage } from './envelope.js';
import { dropFiles, takeAttachments } from './files.js';
import { readBodyObject, readEntity } from './request-body.js';
import { runRules } from './rules.js';
import { changelogJson, messageJson } from './serialize.js';
import type { CaseRec, MessageRec, StaffRec } from './store.js';
import { activeStaff, findCase } from './routes-cases.js';
import { begin, commit, type OmnideskWorld } from './world.js';

type Ctx = CallContext<StaffRec>;

/** `send_at` (a delayed send, §2.2 [S palachX]): a date string or a unix time, not in the past. */
function sendAt(body: Record<string, unknown>, now: number): number | undefined {
  const raw = optString(body, 'send_at');
  if (raw === undefined) return undefined;
  const ms = parseTimeFilter(raw);
  if (Number.isNaN(ms)) throw invalid('wrong_send_at');
  return Math.max(ms, now);
}

export function messageRoutes(router: Router<Ctx>, world: OmnideskWorld): void {
  const reply = (m: MessageRec) => messageJson(m, world.store, world.origin);
  /** A message (or note) of this case, by its path id. */
  const messageOf = (c: CaseRec, raw: string | undefined, note: boolean): MessageRec => {
    const id = raw && /^\d+$/.test(raw) ? Number(raw) : NaN;
    const m = world.store.messages.find((x) => x.message_id === id && x.case_id === c.case_id && x.note === note);
    if (!m) throw notFound(note ? 'note' : 'message');
    return m;
  };

  router.on('GET', '/api/cases/{id}/messages.json', (req) => {
    const c = findCase(world.store, req.params.id);
    const order = req.query.get('order') ?? 'asc';
    if (order !== 'asc' && order !== 'desc') throw invalid('wrong_order');
    const all = world.store.messagesOf(c.case_id);
    const page = readPage(req.query);
    // Without a page the API answers with the latest messages (the last `limit`), still in order.
    let items = page.explicit ? slicePage(order === 'asc' ? all : [...all].reverse(), page) : all.slice(-page.limit);
    if (!page.explicit && order === 'desc') items = items.reverse();
    return json(200, keyedList('message', items.map(reply), all.length));
  });

  router.on('POST', '/api/cases/{id}/messages.json', (req, ctx) => {
    const c = findCase(world.store, req.params.id);
    const body = readEntity(req, 'message');
    const { content, html } = readContent(body);
    const staffId = optId(body, 'staff_id') ?? 0;
    const userId = optId(body, 'user_id') ?? 0;
    optBool(body, 'do_not_send_email');
    const txn = begin(world);
    const delayed = sendAt(body, txn.at);
    let message;
    if (staffId > 0) {
      activeStaff(txn.store, staffId);
      const attachments = takeAttachments(txn.store, body);
      message = appendMessage(txn, c, {
        author: 'staff',
        userId: 0,
        staffId,
        content,
        html,
        attachments,
        sendAt: delayed,
      });
      runRules(txn, 'changed', c, { changedBy: 'staff', messageAuthor: 'staff' });
    } else if (userId > 0) {
      const user = txn.store.users.get(userId);
      if (!user) throw notFound('user');
      const attachments = takeAttachments(txn.store, body);
      // Sandbox-only: a chat bot's message in the customer's conversation (Chaport's bot).
      const author = body.sent_by_bot === true ? 'bot' : 'user';
      message = appendMessage(txn, c, { author, userId, staffId: 0, content, html, attachments });
      user.lastContact = txn.at;
      if (c.status !== 'open') setStatus(txn, c, 'open', `user_${userId}`);
      runRules(txn, 'changed', c, { changedBy: 'user', messageAuthor: author });
    } else {
      throw invalid('user_id_or_staff_id_required');
    }
    commit(world, txn, ctx);
    return json(201, { message: reply(message) });
  });

  const note = (req: RouteRequest, ctx: Ctx) => {
    const c = findCase(world.store, req.params.id);
    const body = readEntity(req, 'note');
    const { content, html } = readContent(body);
    const staffId = optId(body, 'staff_id') || ctx.auth.staff_id;
    const txn = begin(world);
    activeStaff(txn.store, staffId);
    const attachments = takeAttachments(txn.store, body);
    const message = appendMessage(txn, c, {
      author: 'staff',
      userId: 0,
      staffId,
      content,
      html,
      note: true,
      attachments,
    });
    runRules(txn, 'changed', c, { changedBy: 'staff', messageAuthor: 'staff' });
    commit(world, txn, ctx);
    return json(201, { message: reply(message) });
  };

  /** PUT …/messages/{mid}.json or …/note/{mid}.json: new text, `{"message"|"note": {content, content_html}}`. */
  const edit = (entity: 'message' | 'note') => (req: RouteRequest) => {
    const c = findCase(world.store, req.params.id);
    const m = messageOf(c, req.params.mid, entity === 'note');
    const body = readEntity(req, entity);
    const { content, html } = readContent(body);
    m.content = content;
    m.content_html = html;
    c.updated = world.now();
    return json(200, { message: reply(m) });
  };

  const remove = (note: boolean) => (req: RouteRequest) => {
    const c = findCase(world.store, req.params.id);
    const m = messageOf(c, req.params.mid, note);
    world.store.messages = world.store.messages.filter((x) => x !== m);
    dropFiles(world.store, m.attachments);
    c.updated = world.now();
    return json(200, {});
  };

  // palachX posts to note.json and edits note/{id}.json; a 2016 client used notes.json.
  router
    .on('POST', '/api/cases/{id}/note.json', note)
    .on('POST', '/api/cases/{id}/notes.json', note)
    .on('PUT', '/api/cases/{id}/messages/{mid}.json', edit('message'))
    .on('DELETE', '/api/cases/{id}/messages/{mid}.json', remove(false))
    .on('PUT', '/api/cases/{id}/note/{mid}.json', edit('note'))
    .on('DELETE', '/api/cases/{id}/note/{mid}.json', remove(true))
    .on('PUT', '/api/cases/{id}/notes/{mid}.json', edit('note'))
    .on('DELETE', '/api/cases/{id}/notes/{mid}.json', remove(true))
    .on('PUT', '/api/cases/{id}/rate/{mid}.json', (req) => {
      const c = findCase(world.store, req.params.id);
      const m = messageOf(c, req.params.mid, false);
      const rate = readBodyObject(req).rate;
      if (!isRecord(rate)) throw invalid('rate_data_required');
      const rating = optString(rate, 'rating');
      if (!rating) throw invalid('rating_required');
      m.rating = { rating, comment: optString(rate, 'rating_comment') ?? '' };
      return json(200, { message: reply(m) });
    });

  router.on('GET', '/api/cases/{id}/changelog.json', (req) => {
    const c = findCase(world.store, req.params.id);
    const entries = world.store.changelog.filter((e) => e.case_id === c.case_id).map(changelogJson);
    return json(200, { changelog: entries });
  });
}
