/**
 * Every `/api/v2` route of the HelpDeskEddy sandbox, in match order: fixed paths before the
 * `{id}` routes that would swallow them (`/users/custom_fields/` before `/users/{id}`). Also the
 * file links posts list (`/{lang}/file/download/{hash}`, reference §3 [C+]).
 */
import { HttpError } from '../../../server/http.js';
import { contentDisposition } from './files.js';
import { customFieldRoutes } from './routes-custom-fields.js';
import { dictionaryRoutes, unemulatedRoutes } from './routes-dictionaries.js';
import { kbRoutes } from './routes-kb.js';
import { organizationRoutes } from './routes-organizations.js';
import { postRoutes } from './routes-posts.js';
import { ticketRoutes } from './routes-tickets.js';
import { userRoutes } from './routes-users.js';
import { HdeRouter, type HdeWorld } from './world.js';

export const FILE_PATH = /^\/[a-z]{2}\/file\/download\/[0-9a-f]{40}\/?$/;

export function apiRouter(world: HdeWorld): HdeRouter {
  const r = new HdeRouter();
  dictionaryRoutes(r);
  unemulatedRoutes(r);
  customFieldRoutes(r, world);
  userRoutes(r, world);
  organizationRoutes(r, world);
  kbRoutes(r, world);
  ticketRoutes(r, world);
  postRoutes(r, world);
  r.on('GET', '/{lang}/file/download/{hash}', (req) => {
    const file = world.files.get(req.params.hash ?? '');
    if (!file) throw new HttpError(404, { errors: [{ code: 'e-404', title: 'Not found', details: 'No such file.' }] });
    return {
      status: 200,
      text: file.data,
      headers: { 'content-type': file.mimeType, 'content-disposition': contentDisposition(file.name) },
    };
  });
  return r;
}
