/**
 * Notes on users and on organizations (reference §2.1 [C1 TSSDK]): `GET` and `POST {text}` on
 * `…/{id}/notes/`, `DELETE …/{id}/notes/{note_id}`, and `PUT` there to edit the text (the table
 * gives organizations' notes PUT; [INF] for both). A note is TSSDK's `{id, creator_id, text,
 * date_created, date_updated}`; the list is newest first, 30 a page, like the others [INF].
 */
import { formatDateTime } from '../dates.js';
import { badRequest, text } from './request-body.js';
import { paginate } from './format.js';
import { API, body, data, idParam, notFound, success204, type HdeRouter, type HdeWorld } from './world.js';
import type { NoteRec } from './directory.js';
import type { RouteRequest } from '../../../server/router.js';

export function noteJson(n: NoteRec): Record<string, unknown> {
  return {
    id: n.id,
    creator_id: n.creatorId,
    text: n.text,
    date_created: formatDateTime(n.createdAt),
    date_updated: formatDateTime(n.updatedAt),
  };
}

export function noteRoutes(
  r: HdeRouter,
  world: HdeWorld,
  owner: NoteRec['owner'],
  ownerExists: (id: number) => boolean,
): void {
  const what = owner === 'users' ? 'User' : 'Organization';
  const ownerOf = (req: RouteRequest): number => {
    const id = idParam(req, what);
    if (!ownerExists(id)) throw notFound(what, id);
    return id;
  };

  r.on('GET', `${API}/${owner}/{id}/notes`, (req) => {
    const notes = world.store.directory.notesOf(owner, ownerOf(req));
    const { slice, pagination } = paginate(notes, req.query.get('page'));
    return data(slice.map(noteJson), pagination);
  });

  r.on('POST', `${API}/${owner}/{id}/notes`, (req, { auth }) => {
    const ownerId = ownerOf(req);
    const content = text(body(req).fields, 'text');
    if (!content) throw badRequest('Required field is missing: text.');
    return data(noteJson(world.store.directory.addNote(owner, ownerId, auth.id, content)));
  });

  const noteOf = (req: RouteRequest): NoteRec => {
    const ownerId = ownerOf(req);
    const noteId = idParam(req, 'Note', 'note_id');
    const note = world.store.directory.notesOf(owner, ownerId).find((n) => n.id === noteId);
    if (!note) throw notFound('Note', noteId);
    return note;
  };

  r.on('PUT', `${API}/${owner}/{id}/notes/{note_id}`, (req) => {
    const note = noteOf(req);
    const content = text(body(req).fields, 'text');
    if (!content) throw badRequest('Required field is missing: text.');
    note.text = content;
    note.updatedAt = world.store.now();
    return data(noteJson(note));
  });

  r.on('DELETE', `${API}/${owner}/{id}/notes/{note_id}`, (req) => {
    const note = noteOf(req);
    world.store.directory.removeNote(note);
    return success204(world, `Note with id {${note.id}} successfully deleted`);
  });
}
