// readCapture as it was before the Buffer line splitter (readline over a utf8 stream): the
// oracle for test/unit/capture/reader-equivalence.test.ts. Not used by the product.
/**
 * Streams a capture file one record at a time, in constant memory (readline over a read
 * stream, so a million-record file never sits in memory). A line that is torn (a crash
 * mid-write) or is not a capture record is skipped with a warning naming its line number;
 * it never fails the whole file.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { UsageError } from '../../../../src/core/errors.js';
import { captureRecordSchema, looksLikeCaptureRecord, type CaptureRecord } from '../../../../src/capture/record.js';

export interface ReadOptions {
  /** Called for each skipped line, with a message that names the line. */
  onSkip?: (message: string, line: number) => void;
  /** The flag that named the file, for error messages (`<file>`, `--capture`…). */
  what?: string;
}

export interface NumberedRecord {
  /** 1-based line number in the file. */
  line: number;
  record: CaptureRecord;
}

/** Throws a UsageError (exit 2) naming the file when it is missing or not a file. */
export async function assertReadableFile(file: string, what = 'capture file'): Promise<void> {
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new UsageError(`${what} ${file} is not a file.`);
  } catch (err) {
    if (err instanceof UsageError) throw err;
    throw new UsageError(`${what} ${file} cannot be read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, {
      hint: 'Check the path; `omnibot listen --capture <file>` writes one.',
    });
  }
}

/** Parses one line; returns the record or the reason it is not one. */
export function parseRecordLine(text: string): { record: CaptureRecord } | { problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { problem: 'not valid JSON (a torn write?)' };
  }
  if (looksLikeCaptureRecord(value)) return { record: value };
  const parsed = captureRecordSchema.safeParse(value);
  if (parsed.success) return { record: parsed.data };
  const issue = parsed.error.issues[0]!;
  const where = issue.path.length ? issue.path.join('.') : 'record';
  return { problem: `not a capture record (${where}: ${issue.message})` };
}

export async function* readCapture(file: string, options: ReadOptions = {}): AsyncGenerator<NumberedRecord> {
  await assertReadableFile(file, options.what);
  const input = createReadStream(file, { encoding: 'utf8', highWaterMark: 256 * 1024 });
  const lines = createInterface({ input, crlfDelay: Infinity });
  let line = 0;
  try {
    for await (const text of lines) {
      line += 1;
      if (text.trim() === '') continue;
      const parsed = parseRecordLine(text);
      if ('record' in parsed) yield { line, record: parsed.record };
      else options.onSkip?.(`${file}: line ${line}: ${parsed.problem}; skipped`, line);
    }
  } finally {
    lines.close();
    input.destroy();
  }
}
