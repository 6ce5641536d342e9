/**
 * Streams a capture file one record at a time, in constant memory (a chunk of the file at a
 * time, so a million-record file never sits in memory). A line that is torn (a crash mid-write)
 * or is not a capture record is skipped with a warning naming its line number; it never fails
 * the whole file.
 */
import { createReadStream } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import { stat } from 'node:fs/promises';
import { UsageError } from '../core/errors.js';
import { LineSplitter, lineText, type LineBytes } from './lines.js';
import { captureRecordSchema, looksLikeCaptureRecord, type CaptureRecord } from './record.js';

export interface ReadOptions {
  /** Called for each skipped line, with a message that names the line. */
  onSkip?: (message: string, line: number) => void;
  /** The flag that named the file, for error messages (`<file>`, `--capture`…). */
  what?: string;
  /** Where `-` reads from (the command's stdin). */
  stdin?: NodeJS.ReadableStream;
}

/** The file name that means stdin (or stdout, for an output), as Unix tools take it. */
export const STDIO = '-';

/** A capture argument as a path: `-` stays `-`, anything else is resolved against `cwd`. */
export function capturePath(cwd: string, arg: string): string {
  return arg === STDIO ? STDIO : resolvePath(cwd, arg);
}

/** How messages name a capture source. */
export function sourceName(file: string): string {
  return file === STDIO ? 'stdin' : file;
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
    throw new UsageError(
      `${what} ${file} cannot be read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
      {
        hint: 'Check the path; `omnibot listen --capture <file>` writes one.',
      },
    );
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

/** A line of a capture file, not yet decoded or parsed; `line` is its 1-based number. */
export interface RawLine extends LineBytes {
  line: number;
}

/** Bytes read at a time: a few hundred records. */
const CHUNK_BYTES = 256 * 1024;

/**
 * The file's lines, a chunk's worth at a time (blank lines are counted but not returned). The
 * low-level form behind `readCapture`, for a caller that takes records in bulk (replay): the
 * caller decodes and parses each line with `parseRawLine` when it gets to it.
 */
export async function* readCaptureLines(
  file: string,
  options: Pick<ReadOptions, 'what' | 'stdin'> & { chunkBytes?: number } = {},
): AsyncGenerator<RawLine[]> {
  const fromStdin = file === STDIO;
  if (fromStdin && !options.stdin) throw new UsageError(`${options.what ?? '<file>'}: this command cannot read stdin`);
  if (!fromStdin) await assertReadableFile(file, options.what);
  const input = fromStdin
    ? options.stdin!
    : createReadStream(file, { highWaterMark: options.chunkBytes ?? CHUNK_BYTES });
  const splitter = new LineSplitter();
  let line = 0;
  const numbered = (lines: LineBytes[]): RawLine[] => {
    const out: RawLine[] = [];
    for (const bytes of lines) {
      line += 1;
      if (!isBlank(bytes)) out.push({ bytes: bytes.bytes, start: bytes.start, end: bytes.end, line });
    }
    return out;
  };
  try {
    for await (const chunk of input) {
      const lines = numbered(splitter.push(chunk as Buffer));
      if (lines.length > 0) yield lines;
    }
    const last = splitter.end();
    if (last) {
      const lines = numbered([last]);
      if (lines.length > 0) yield lines;
    }
  } finally {
    // stdin belongs to the process; only a file stream is ours to close.
    if (!fromStdin) (input as ReturnType<typeof createReadStream>).destroy();
  }
}

/** The warning for a line that is not a record: it names the file and the line. */
export function skippedLineMessage(file: string, line: number, problem: string): string {
  return `${file}: line ${line}: ${problem}; skipped`;
}

/** The record a raw line holds, or why it is skipped (the warning names the file and line). */
export function parseRawLine(file: string, raw: RawLine): NumberedRecord | { line: number; message: string } {
  const parsed = parseRecordLine(lineText(raw));
  if ('record' in parsed) return { line: raw.line, record: parsed.record };
  return { line: raw.line, message: skippedLineMessage(file, raw.line, parsed.problem) };
}

/** True for a line `text.trim() === ''` would call blank, checked on the bytes when they are plain. */
function isBlank(raw: LineBytes): boolean {
  const { bytes, start, end } = raw;
  for (let i = start; i < end; i += 1) {
    const b = bytes[i]!;
    // ASCII whitespace String#trim removes; any other byte (or a multi-byte character, which
    // might be a Unicode space) is settled by decoding.
    if (b === 0x20 || (b >= 0x09 && b <= 0x0d)) continue;
    if (b < 0x80) return false;
    return lineText(raw).trim() === '';
  }
  return true;
}

export async function* readCapture(file: string, options: ReadOptions = {}): AsyncGenerator<NumberedRecord> {
  for await (const lines of readCaptureLines(file, options)) {
    for (const raw of lines) {
      const parsed = parseRawLine(sourceName(file), raw);
      if ('record' in parsed) yield parsed;
      else options.onSkip?.(parsed.message, parsed.line);
    }
  }
}
