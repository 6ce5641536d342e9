import type { Handler } from '../lazy-action.js';
import { listEvents } from './describe.js';
import { renderEventList } from './render.js';
import { userCatalog } from './user-catalog.js';

const handler: Handler = async (_input, ctx) => {
  const catalog = await userCatalog(ctx);
  const rows = listEvents(catalog);
  if (ctx.io.json) ctx.io.printJson(rows);
  else renderEventList(rows, ctx.io, catalog.userDir);
};
export default handler;
