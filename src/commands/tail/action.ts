/**
 * `omnibot tail <file>`: prints capture records in listen's line format (or as NDJSON), and
 * with --follow keeps going as the file grows until Ctrl-C. `--case <id>` hands over to the
 * helpdesk case follower in src/verify.
 */
import { z } from 'zod';
import type { Context } from '../../kit/context.js';
import { EXIT, UsageError } from '../../core/errors.js';
import { followCapture } from '../../capture/follow.js';
import { contentTypeOf, matchesEvents, type CaptureRecord } from '../../capture/record.js';
import { capturePath, readCapture, STDIO, type NumberedRecord } from '../../capture/reader.js';
import { maskRecord } from '../../capture/secret-mask.js';
import { HOUR, parseDuration, parseInstant } from '../../core/duration.js';
import { loadKnownSecrets } from '../../webhooks/known-secrets.js';
import { loadDetector, type Detector } from '../../webhooks/detection.js';
import { formatRecordLine } from '../../webhooks/record-line.js';
import { userCatalog } from '../events/user-catalog.js';
import { resolveEventFilter } from '../../events/catalog.js';
import type { Handler } from '../lazy-action.js';
import { parseOptions } from '../../kit/parse-options.js';

const optionsSchema = z.object({
  follow: z.boolean().optional(),
  event: z.array(z.string().min(1)).optional(),
  case: z.string().min(1, 'must name a case').optional(),
  interval: z.string().optional(),
  since: z.string().optional(),
  json: z.boolean().optional(),
});

function printer(ctx: Context, detect: Detector, events: string[] | undefined, since: Date | undefined) {
  return (raw: CaptureRecord) => {
    if (!matchesEvents(raw, events)) return;
    if (since && !(Date.parse(raw.receivedAt) >= since.getTime())) return;
    // A file captured with --keep-secrets (or by an older omnibot) may hold them in clear.
    const record = maskRecord(raw);
    if (ctx.io.json) {
      ctx.io.printNdjson(record);
      return;
    }
    // Key fields are re-read from the body: the record keeps the bytes, not a parsed copy.
    const summary =
      record.truncated || record.body === undefined ? {} : detect(contentTypeOf(record), record.body).summary;
    ctx.io.out(formatRecordLine(record, summary, ctx.io.c));
  };
}

const handler: Handler = async ({ args, opts }, ctx) => {
  const o = parseOptions(optionsSchema, opts);
  const intervalMs = o.interval ? parseDuration(o.interval, '--interval', { minMs: 10, maxMs: HOUR }) : undefined;
  const since = o.since ? parseInstant(o.since, '--since', ctx.now()) : undefined;
  if (o.case !== undefined) {
    if (args[0] !== undefined) throw new UsageError('tail: give a capture file or --case <id>, not both.');
    if (since)
      throw new UsageError('--since applies to a capture file; --case follows a case from now on.', {
        details: { flag: '--since' },
      });
    const { tailCase } = await import('./follow-case.js');
    return tailCase({ caseId: o.case, json: o.json, intervalMs }, ctx);
  }
  const fileArg = args[0];
  if (typeof fileArg !== 'string') {
    throw new UsageError('tail: which capture file? Give <file>, or --case <id> to follow a helpdesk case.', {
      hint: 'omnibot tail hooks.ndjson --follow',
    });
  }
  const file = capturePath(ctx.cwd, fileArg);
  if (file === STDIO && o.follow) {
    throw new UsageError('--follow watches a file as it grows; stdin (-) is read once to its end.', {
      hint: 'Drop --follow, or give the capture file itself.',
    });
  }
  await loadKnownSecrets(ctx);
  const catalog = await userCatalog(ctx);
  const detect = await loadDetector(catalog);
  const print = printer(ctx, detect, o.event && resolveEventFilter(catalog, o.event), since);
  const onSkip = (message: string) => ctx.io.warn(message);

  const records: AsyncIterable<NumberedRecord> = o.follow
    ? followCapture(file, { signal: ctx.signal, intervalMs, onSkip, onRestart: (reason) => ctx.io.warn(reason) })
    : readCapture(file, { onSkip, stdin: ctx.stdin });
  for await (const { record } of records) {
    print(record);
    if (ctx.signal.aborted) break;
  }
  return EXIT.ok;
};

export default handler;
