/** Handlers of `token generate` and `token rotate`: parse the flags, run, print. */
import { z } from 'zod';
import type { Context } from '../../context.js';
import type { Handler } from '../lazy-action.js';
import { parseOptions } from '../parse-options.js';
import { printUnredacted, renderToken } from './render.js';
import { runToken } from './run.js';

const optionsSchema = z.object({
  name: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$/, 'must be an integration name (letters, digits, "-", "_")')
    .optional(),
  envVar: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name, e.g. HDE_BOT_TOKEN')
    .optional(),
  print: z.boolean().optional(),
});

async function handle(mode: 'generate' | 'rotate', opts: Record<string, unknown>, ctx: Context): Promise<number> {
  const options = parseOptions(optionsSchema, opts);
  const result = await runToken(mode, options, ctx);
  if (ctx.io.json) {
    if (result.token) printUnredacted(ctx.io, JSON.stringify(result, null, 2));
    else ctx.io.printJson(result);
    for (const w of result.warnings) ctx.io.warn(w);
    return 0;
  }
  renderToken(result, ctx.io);
  if (result.token) printUnredacted(ctx.io, result.token);
  return 0;
}

export const generate: Handler = ({ opts }, ctx) => handle('generate', opts, ctx);
export const rotate: Handler = ({ opts }, ctx) => handle('rotate', opts, ctx);
