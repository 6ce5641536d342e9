import { z } from 'zod';
import { columns } from '../../core/io/table.js';
import type { Handler } from '../lazy-action.js';
import { parseOptions } from '../parse-options.js';
import { run } from './run.js';

const envName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name (letters, digits, "_")');

export const initOptionsSchema = z.object({
  recipe: z.enum(['omnidesk-bot', 'helpdeskeddy-bot', 'omnidesk-custom-channel', 'billmanager', 'chaport']).optional(),
  helpdesk: z.enum(['omnidesk', 'helpdeskeddy']).optional(),
  url: z.string().optional(),
  email: z.string().optional(),
  apiKeyEnv: envName.optional(),
  agent: z.string().optional(),
  label: z.string().optional(),
  webhookUrl: z.string().optional(),
  replyAsNote: z.boolean().optional(),
  title: z.string().optional(),
  type: z.enum(['async', 'sync']).optional(),
  billmanagerUrl: z.string().optional(),
  integrationStaff: z.string().optional(),
  name: z.string().optional(),
  writeEnv: z.boolean().optional(),
  // No default here: the global --config names the file when --output does not.
  output: z.string().min(1).optional(),
  append: z.boolean().optional(),
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
  for (const line of columns(result.next.map(([cmd, why]) => [cmd, why]))) ctx.io.info(`  ${line}`);
};

export default handler;
