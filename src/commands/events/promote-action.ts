/**
 * `omnibot events promote <capture> --record N --as <event>`: a captured payload becomes the
 * user sample `<config dir>/.omnibot/events/<event>.json`, which overrides the shipped event.
 * An existing sample is never replaced without --force.
 */
import { basename, resolve } from 'node:path';
import { z } from 'zod';
import { EXIT } from '../../core/errors.js';
import { findRecord } from '../../capture/promote.js';
import { saveSample } from '../../capture/save-sample.js';
import type { Handler } from '../lazy-action.js';
import { parseOptions } from '../../kit/parse-options.js';
import { configDir, userCatalog } from './user-catalog.js';

const optionsSchema = z.object({
  record: z.string({ error: 'is required: which record (its line number or id)' }).min(1),
  as: z.string({ error: 'is required: the event the sample is for, e.g. omnidesk.incoming' }).min(1),
  force: z.boolean().optional(),
  json: z.boolean().optional(),
});

const handler: Handler = async ({ args, opts }, ctx) => {
  const o = parseOptions(optionsSchema, opts);
  const capture = resolve(ctx.cwd, String(args[0]));
  const catalog = await userCatalog(ctx);
  const { line, record } = await findRecord(capture, o.record, (m) => ctx.io.warn(m));
  const {
    file,
    event: name,
    shipped,
  } = await saveSample({
    record,
    from: { file: basename(capture), line },
    as: o.as,
    catalog,
    configDir: await configDir(ctx),
    force: o.force,
    which: `--record ${o.record}`,
  });

  if (ctx.io.json)
    ctx.io.printJson({
      file,
      event: name,
      provenance: 'captured',
      record: record.id,
      line,
      overrides: Boolean(shipped),
    });
  else ctx.io.out(file);
  ctx.io.info(
    `events promote: line ${line} of ${basename(capture)} is now the ${name} sample` +
      (shipped ? ` (overrides the shipped ${shipped.provenance} one)` : ' (a new event)'),
  );
  if (!record.redacted)
    ctx.io.info('  it holds a real payload: run `omnibot capture redact` first if you will commit it.');
  return EXIT.ok;
};

export default handler;
