import { z } from 'zod';
import { EXIT } from '../../../core/errors.js';
import type { Handler } from '../../../kit/context.js';
import { parseOptions } from '../../../kit/parse-options.js';
import { renderStatusMap } from './status-map-render.js';
import { runStatusMap } from './status-map-run.js';

const optionsSchema = z.object({ integration: z.string().min(1).optional(), json: z.boolean().optional() });

const handler: Handler = async ({ opts }, ctx) => {
  const options = parseOptions(optionsSchema, opts);
  const report = await runStatusMap(options, ctx);
  if (ctx.io.json) ctx.io.printJson(report);
  else renderStatusMap(report, ctx.io);
  return EXIT.ok;
};

export default handler;
