/**
 * Writes a captured record as the user sample of an event: the one way `events promote` and the
 * inspector's Promote button do it. The sample must load back into the catalog (or it would be
 * skipped later), an existing one is replaced only with `force`, and the file is as private as
 * the capture it came from.
 */
import { access, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from '../core/errors.js';
import { makeDirs } from '../core/make-dirs.js';
import { findEvent, userEventsDir, type Catalog, type EventDef } from '../events/catalog.js';
import { resolveEvent } from '../events/load.js';
import { EVENT_NAME } from '../events/types.js';
import { buildSample, unpromotableReason } from './promote.js';
import type { CaptureRecord } from './record.js';

export interface SavedSample {
  file: string;
  event: string;
  /** The shipped event it overrides, when there is one. */
  shipped?: EventDef;
}

export async function saveSample(args: {
  record: CaptureRecord;
  /** Where the record came from, kept in the sample: the capture's file name and line. */
  from: { file: string; line: number };
  /** The event the sample is for: a known name, an unambiguous last part, or a new full name. */
  as: string;
  catalog: Catalog;
  /** The folder of the config (samples go to its `.omnibot/events/`). */
  configDir: string;
  force?: boolean;
  /** How errors name the record (`--record 3`). */
  which: string;
}): Promise<SavedSample> {
  let base: EventDef | undefined;
  try {
    base = findEvent(args.catalog, args.as);
  } catch (err) {
    if (!EVENT_NAME.test(args.as)) throw err;
  }
  const shipped =
    base?.source === 'shipped'
      ? base
      : args.catalog.events.find((e) => e.name === base?.name && e.source === 'shipped');
  const name = base?.name ?? args.as;
  const reason = unpromotableReason(args.record);
  if (reason) throw new UsageError(`${args.which}: cannot become a sample: ${reason}.`);

  const dir = userEventsDir(args.configDir);
  const file = join(dir, `${name}.json`);
  const taken = await access(file).then(
    () => true,
    () => false,
  );
  if (taken && !args.force) {
    throw new UsageError(`${file} already exists.`, { hint: 'Pass --force to replace that sample.' });
  }
  const sample = buildSample(args.record, args.from, {
    name,
    helpdesk: base?.helpdesk,
    description: base?.description,
  });
  try {
    resolveEvent(sample, file, 'user', shipped);
  } catch (err) {
    throw new UsageError(`${args.which}: the body cannot serve as a ${name} sample: ${(err as Error).message}`);
  }
  await makeDirs(dir);
  await writeFile(file, JSON.stringify(sample, null, 2) + '\n', { mode: 0o600 });
  return { file, event: name, ...(shipped ? { shipped } : {}) };
}
