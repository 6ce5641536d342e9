import { z } from 'zod';
import { collectSteps } from '../../steps/collect.js';
import { renderSteps } from '../../steps/render.js';
import type { Handler } from '../lazy-action.js';
import { parseOptions } from '../../kit/parse-options.js';

const optionsSchema = z.object({
  format: z.enum(['text', 'markdown', 'json']).optional(),
  lang: z.enum(['ru', 'en']).default('ru'),
  integration: z.string().min(1).optional(),
  showSecrets: z.boolean().optional(),
});

const handler: Handler = async ({ opts }, ctx) => {
  const options = parseOptions(optionsSchema, opts);
  const format = options.format ?? (ctx.io.json ? 'json' : 'text');
  // Steps need no secret: they print `${OMNIDESK_API_KEY}` as written when it is not set yet.
  const loaded = await ctx.loadConfig({ allowUnsetVars: true });
  const groups = await collectSteps(loaded.config!, { lang: options.lang, integration: options.integration }, (it) =>
    ctx.registry.bind(it),
  );
  const text = renderSteps(groups, format, options.lang);
  if (options.showSecrets) {
    // A webhook URL that embeds a token must be pasted whole; the user asked for it explicitly.
    ctx.io.warn('--show-secrets: the output contains tokens; do not commit or share it.');
    ctx.io.writeUnredacted(text);
  } else {
    ctx.io.write(text);
  }
};

export default handler;
