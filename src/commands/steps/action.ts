import { z } from 'zod';
import { collectSteps } from '../../steps/collect.js';
import { renderSteps } from '../../steps/render.js';
import type { Handler } from '../lazy-action.js';
import { parseOptions } from '../parse-options.js';

const optionsSchema = z.object({
  format: z.enum(['text', 'markdown', 'json']).optional(),
  lang: z.enum(['ru', 'en']).default('ru'),
  integration: z.string().min(1).optional(),
});

const handler: Handler = async ({ opts }, ctx) => {
  const options = parseOptions(optionsSchema, opts);
  const format = options.format ?? (ctx.io.json ? 'json' : 'text');
  // Steps need no secret: they print `${OMNIDESK_API_KEY}` as written when it is not set yet.
  const loaded = await ctx.loadConfig({ allowUnsetVars: true });
  const groups = await collectSteps(loaded.config!, { lang: options.lang, integration: options.integration });
  ctx.io.write(renderSteps(groups, format, options.lang));
};

export default handler;
