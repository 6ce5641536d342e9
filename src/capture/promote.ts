/**
 * Turns one captured request into a user-level event sample (`.omnibot/events/<name>.json`)
 * with provenance `captured`: the literal body, its content type and when it was captured.
 * The catalog then prefers it over the shipped (inferred) template of the same name — this
 * is how a real Omnidesk payload replaces omnibot's guess at its key names.
 */
import { UsageError } from '../core/errors.js';
import { encodingOf } from '../events/types.js';
import { readCapture, type NumberedRecord } from './reader.js';
import { contentTypeOf, type CaptureRecord } from './record.js';

export interface CapturedSample {
  name: string;
  helpdesk?: string;
  description?: string;
  provenance: 'captured';
  contentType: string;
  encoding: 'json' | 'form';
  body: string;
  capturedAt: string;
  source: { file: string; line: number; id: string };
  note: string;
}

/** `3` is the record on line 3; anything else is a record id. */
export async function findRecord(
  file: string,
  which: string,
  onSkip: (message: string) => void,
): Promise<NumberedRecord> {
  const byLine = /^\d+$/.test(which) ? Number(which) : undefined;
  if (byLine !== undefined && byLine < 1) throw new UsageError('--record: lines are numbered from 1.');
  let last = 0;
  for await (const item of readCapture(file, { onSkip })) {
    last = item.line;
    if (byLine !== undefined ? item.line === byLine : item.record.id === which) return item;
    if (byLine !== undefined && item.line > byLine) break;
  }
  const what =
    byLine !== undefined
      ? `line ${byLine} of ${file} is not a capture record`
      : `no record with id ${which} in ${file}`;
  throw new UsageError(`--record: ${what}.`, {
    hint:
      byLine !== undefined && byLine > last
        ? `The file has ${last} line(s).`
        : '`omnibot tail <file> --json` shows each record with its id.',
  });
}

/** Why a record cannot be a sample, or undefined when it can. */
export function unpromotableReason(record: CaptureRecord): string | undefined {
  if (record.truncated) return 'its body was over the size limit and was not kept';
  if (record.aborted || record.error) return 'it is not a complete request';
  if (record.bodyBase64 !== undefined) return 'its body is binary (not utf-8 text)';
  if (!record.body) return 'its body is empty';
  return undefined;
}

export function buildSample(
  record: CaptureRecord,
  where: { file: string; line: number },
  event: { name: string; helpdesk?: string; description?: string },
): CapturedSample {
  const contentType = contentTypeOf(record) || 'application/json';
  return {
    name: event.name,
    ...(event.helpdesk ? { helpdesk: event.helpdesk } : {}),
    ...(event.description ? { description: event.description } : {}),
    provenance: 'captured',
    contentType,
    encoding: encodingOf(contentType),
    body: record.body ?? '',
    capturedAt: record.receivedAt,
    source: { file: where.file, line: where.line, id: record.id },
    note:
      `Promoted from a real capture (${record.method} ${record.path}, ${record.receivedAt}); its fields are read ` +
      `from this body.`,
  };
}
