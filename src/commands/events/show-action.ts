import { z } from 'zod';
import { findEvent, parseSetArgs } from '../../events/catalog.js';
import type { Handler } from '../lazy-action.js';
import { parseOptions } from '../../kit/parse-options.js';
import { describeEvent } from './describe.js';
import { renderEventDescription } from './render.js';
import { userCatalog } from './user-catalog.js';

const optionsSchema = z.object({
  set: z.array(z.string()).optional(),
  encoding: z.enum(['json', 'form']).optional(),
});

const handler: Handler = async ({ args, opts }, ctx) => {
  const options = parseOptions(optionsSchema, opts);
  const sets = parseSetArgs(options.set);
  const catalog = await userCatalog(ctx);
  const event = findEvent(catalog, String(args[0]));
  const description = describeEvent(event, { set: sets, encoding: options.encoding, now: ctx.now() });
  if (ctx.io.json) ctx.io.printJson(description);
  else renderEventDescription(description, ctx.io);
};
export default handler;
