import { z } from 'zod';
import { EXIT } from '../../core/errors.js';
import { plan } from '../../engine/plan.js';
import type { Handler } from '../lazy-action.js';
import { parseOptions } from '../../kit/parse-options.js';
import { renderPlan } from './render.js';

const optionsSchema = z.object({
  detailedExitcode: z.boolean().optional(),
  integration: z.string().min(1).optional(),
});

const handler: Handler = async ({ opts }, ctx) => {
  const options = parseOptions(optionsSchema, opts);
  const loaded = await ctx.loadConfig();
  // A slow or silent helpdesk shows as a live line at a terminal, not as a silent minute.
  const ticker = ctx.io.ticker('reading the helpdesk');
  const result = await plan(loaded.config!, {
    io: ctx.io,
    signal: ctx.signal,
    stateFile: loaded.stateFile,
    integration: options.integration,
    ignoreBan: ctx.flags.ignoreBan,
    registry: ctx.registry,
  }).finally(() => ticker.stop());
  if (ctx.io.json) ctx.io.printJson(result);
  else renderPlan(result, ctx.io);
  // A resource that could not be read is a failed operation, whatever else is pending.
  if (result.summary.unknown > 0) return EXIT.failed;
  return options.detailedExitcode && result.pending ? EXIT.pending : EXIT.ok;
};

export default handler;
