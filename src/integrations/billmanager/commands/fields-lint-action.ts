import { z } from 'zod';
import { EXIT } from '../../../core/errors.js';
import type { Handler } from '../../../kit/context.js';
import { parseOptions } from '../../../kit/parse-options.js';
import { renderFieldsLint } from './fields-lint-render.js';
import { runFieldsLint } from './fields-lint-run.js';

const optionsSchema = z.object({ json: z.boolean().optional() });

const handler: Handler = async ({ args, opts }, ctx) => {
  parseOptions(optionsSchema, opts);
  const report = await runFieldsLint(String(args[0]), ctx.cwd);
  if (ctx.io.json) ctx.io.printJson(report);
  else renderFieldsLint(report, ctx.io);
  return report.valid ? EXIT.ok : EXIT.failed;
};

export default handler;
