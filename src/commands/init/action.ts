import { z } from 'zod';
import type { Handler } from '../lazy-action.js';
import { parseOptions } from '../parse-options.js';
import { run } from './run.js';

export const initOptionsSchema = z.object({
  helpdesk: z.enum(['omnidesk']).default('omnidesk'),
  url: z.string().optional(),
  email: z.string().optional(),
  apiKeyEnv: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name (letters, digits, "_")')
    .optional(),
  agent: z.string().optional(),
  label: z.string().optional(),
  webhookUrl: z.string().optional(),
  replyAsNote: z.boolean().optional(),
  name: z.string().optional(),
  writeEnv: z.boolean().optional(),
  output: z.string().min(1).default('omnibot.config.json'),
  force: z.boolean().optional(),
  ci: z.enum(['github']).optional(),
});

export type InitOptions = z.output<typeof initOptionsSchema>;

const handler: Handler = async ({ opts }, ctx) => {
  const options = parseOptions(initOptionsSchema, opts);
  const result = await run(options, ctx);
  if (ctx.io.json) {
    ctx.io.printJson(result);
    return;
  }
  for (const file of result.files) ctx.io.out(`wrote ${file.path}${file.note ? ` (${file.note})` : ''}`);
  ctx.io.info('');
  ctx.io.info('Next:');
  ctx.io.info('  omnibot plan     what exists and what is missing');
  ctx.io.info('  omnibot apply    create the label, then walk through the manual steps');
  ctx.io.info('  omnibot steps    the manual steps, to follow or to share');
};

export default handler;
