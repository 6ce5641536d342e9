/**
 * `omnibot events promote <capture> --record N --as <event>`: a captured payload becomes the
 * user sample `<config dir>/.omnibot/events/<event>.json`, which overrides the shipped event.
 * An existing sample is never replaced without --force.
 */
import { access, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { z } from 'zod';
import { EXIT, UsageError } from '../../core/errors.js';
import { buildSample, findRecord, unpromotableReason } from '../../capture/promote.js';
import { findEvent, userEventsDir, type EventDef } from '../../events/catalog.js';
import { resolveEvent } from '../../events/load.js';
import { EVENT_NAME } from '../../events/types.js';
import type { Handler } from '../lazy-action.js';
import { parseOptions } from '../../kit/parse-options.js';
import { configDir, userCatalog } from './user-catalog.js';
import { makeDirs } from '../../core/make-dirs.js';

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

  // A known event (or an unambiguous last part of one); a full new name adds an event.
  let base: EventDef | undefined;
  try {
    base = findEvent(catalog, o.as);
  } catch (err) {
    if (!EVENT_NAME.test(o.as)) throw err;
  }
  const shipped =
    base?.source === 'shipped' ? base : catalog.events.find((e) => e.name === base?.name && e.source === 'shipped');
  const name = base?.name ?? o.as;

  const { line, record } = await findRecord(capture, o.record, (m) => ctx.io.warn(m));
  const reason = unpromotableReason(record);
  if (reason) throw new UsageError(`--record ${o.record}: cannot become a sample: ${reason}.`);

  const dir = userEventsDir(await configDir(ctx));
  const file = join(dir, `${name}.json`);
  const taken = await access(file).then(
    () => true,
    () => false,
  );
  if (taken && !o.force) {
    throw new UsageError(`${file} already exists.`, { hint: 'Pass --force to replace that sample.' });
  }

  const sample = buildSample(
    record,
    { file: basename(capture), line },
    { name, helpdesk: base?.helpdesk, description: base?.description },
  );
  try {
    // The catalog must be able to load what we write, or the sample would be skipped later.
    resolveEvent(sample, file, 'user', shipped);
  } catch (err) {
    throw new UsageError(`--record ${o.record}: the body cannot serve as a ${name} sample: ${(err as Error).message}`);
  }
  await makeDirs(dir);
  // Captures hold real customer data; the sample is as private as the capture it came from.
  await writeFile(file, JSON.stringify(sample, null, 2) + '\n', { mode: 0o600 });

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
