/**
 * Redacts a whole capture file into a new one, streaming (constant memory) and writing to a
 * temporary file that is renamed into place only when complete, so an interrupted run leaves
 * neither a half-written output nor any change to the input. `-` reads stdin or writes stdout.
 */
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { redact } from '../core/io/secrets.js';
import { Placeholders, type PiiKind } from './placeholders.js';
import { readCapture, sourceName, STDIO } from './reader.js';
import { redactRecord } from './redact.js';

export interface RedactFileResult {
  records: number;
  skippedLines: number;
  replaced: Record<PiiKind, number>;
}

export interface RedactFileOptions {
  onWarning: (message: string) => void;
  signal?: AbortSignal;
  /** Where an input of `-` is read from. */
  stdin?: NodeJS.ReadableStream;
  /** Where an output of `-` goes, a line at a time. */
  stdout?: (chunk: string) => void;
}

/** Each record of `input`, redacted, as one output line handed to `emit`. */
async function redactLines(
  input: string,
  options: RedactFileOptions,
  ph: Placeholders,
  emit: (line: string) => Promise<void> | void,
): Promise<{ records: number; skippedLines: number }> {
  let records = 0;
  let skippedLines = 0;
  const source = readCapture(input, {
    stdin: options.stdin,
    onSkip: (message) => {
      skippedLines += 1;
      options.onWarning(message);
    },
  });
  for await (const { line, record } of source) {
    if (options.signal?.aborted) break;
    const outcome = redactRecord(record, ph);
    if (outcome.note) options.onWarning(`${sourceName(input)}: line ${line}: ${outcome.note}`);
    // Configured secret values go wherever they appear (a body, an odd header), as on stdout.
    await emit(redact(JSON.stringify(outcome.record)) + '\n');
    records += 1;
  }
  return { records, skippedLines };
}

export async function redactFile(input: string, output: string, options: RedactFileOptions): Promise<RedactFileResult> {
  const ph = new Placeholders();
  if (output === STDIO) {
    const write = options.stdout;
    if (!write) throw new Error('redactFile: an output of - needs options.stdout');
    const counts = await redactLines(input, options, ph, (line) => write(line));
    return { ...counts, replaced: ph.counts };
  }
  const temp = `${output}.${process.pid}.tmp`;
  const stream = createWriteStream(temp, { flags: 'wx', mode: 0o600 });
  let writeError: Error | undefined;
  stream.on('error', (err) => {
    writeError ??= err;
  });
  // A function, not an inline check: the handler sets the error between awaits, which narrowing cannot see.
  const throwIfWriteFailed = (): void => {
    if (writeError) throw writeError;
  };
  await Promise.race([once(stream, 'open'), once(stream, 'close')]);
  throwIfWriteFailed();
  let failed = true;
  try {
    const { records, skippedLines } = await redactLines(input, options, ph, async (line) => {
      throwIfWriteFailed();
      if (!stream.write(line)) await once(stream, 'drain');
    });
    stream.end();
    await once(stream, 'finish');
    throwIfWriteFailed();
    if (options.signal?.aborted) return { records, skippedLines, replaced: ph.counts };
    await rename(temp, output);
    failed = false;
    return { records, skippedLines, replaced: ph.counts };
  } finally {
    if (failed) {
      stream.destroy();
      await rm(temp, { force: true });
    }
  }
}
