/**
 * `omnibot demo`: narrates the run on stderr (what starts where, the round trip's timeline) and
 * prints the verdict on stdout, or everything as one JSON document with --json.
 */
import { HELPDESK_KINDS, type HelpdeskKind } from '../../helpdesks/registry.js';
import { z } from 'zod';
import { EXIT } from '../../core/errors.js';
import { closeSharedAgent } from '../../core/http/send.js';
import { formatTimelineEvent } from '../../verify/timeline.js';
import type { Handler } from '../lazy-action.js';
import { parseOptions } from '../../kit/parse-options.js';
import { renderDemo, renderKept } from './render.js';
import { runDemo } from './run.js';

const optionsSchema = z.object({
  helpdesk: z.enum(HELPDESK_KINDS as [HelpdeskKind, ...HelpdeskKind[]]).default(HELPDESK_KINDS[0]!),
  keep: z.boolean().optional(),
});

const handler: Handler = async ({ opts }, ctx) => {
  const o = parseOptions(optionsSchema, opts);
  ctx.defer(closeSharedAgent);
  ctx.io.info(
    ctx.io.ce.bold('omnibot demo') + ctx.io.ce.dim(' · everything runs on this machine; nothing goes online'),
  );
  const result = await runDemo(
    {
      helpdesk: o.helpdesk,
      keep: o.keep,
      onProgress: (line) => ctx.io.info(`  ${line}`),
      onTimeline: (event) => ctx.io.info(`  ${formatTimelineEvent(event)}`),
      onKept: (r) => {
        if (!ctx.io.json) renderDemo(r, ctx.io);
        renderKept(r, ctx.io);
      },
    },
    ctx,
  );
  if (ctx.io.json) ctx.io.printJson(result);
  else if (!o.keep) renderDemo(result, ctx.io);
  return result.ok ? EXIT.ok : EXIT.failed;
};

export default handler;
