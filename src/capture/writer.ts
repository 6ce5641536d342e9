/**
 * The one writer of a capture file. Each record becomes one whole line handed to a single
 * append-mode stream, so concurrent requests never interleave bytes and a crash can tear at
 * most the last line. `append` resolves once the line has reached the kernel: the listener
 * answers after that, so every 2xx it gave survives a crash of the process.
 *
 * Group commit: the lines of one event-loop turn go out as one write, and their appends share
 * one promise. Under load that is one syscall for dozens of requests instead of one each.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { fchmod, fsync, close as closeFd } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { promisify } from 'node:util';
import { redact } from '../io/secrets.js';
import type { CaptureRecord } from './record.js';

const fchmodAsync = promisify(fchmod);
const fsyncAsync = promisify(fsync);
const closeAsync = promisify(closeFd);

export interface CaptureWriterOptions {
  /** Skip the pass that masks registered secrets (the user asked to keep them). */
  keepSecrets?: boolean;
}

export class CaptureWriter {
  private failure: Error | undefined;
  private written = 0;
  private batch: string[] = [];
  private batchDone: Promise<void> | undefined;

  private constructor(
    readonly file: string,
    private readonly stream: WriteStream,
    private readonly fd: number,
    private readonly options: CaptureWriterOptions,
  ) {
    stream.on('error', (err) => {
      this.failure ??= err;
    });
  }

  /** Opens (creating with mode 0600, or appending to) a capture file. */
  static async open(file: string, options: CaptureWriterOptions = {}): Promise<CaptureWriter> {
    await mkdir(dirname(file), { recursive: true });
    const stream = createWriteStream(file, { flags: 'a', mode: 0o600, autoClose: false });
    const fd = await new Promise<number>((resolve, reject) => {
      stream.once('open', resolve);
      stream.once('error', reject);
    });
    // An existing file keeps its mode on open; captures hold customer data, so tighten it.
    await fchmodAsync(fd, 0o600);
    return new CaptureWriter(file, stream, fd, options);
  }

  get count(): number {
    return this.written;
  }

  /** Serialises the record as one line and resolves when the line is handed to the kernel. */
  append(record: CaptureRecord): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    const json = JSON.stringify(record);
    this.batch.push((this.options.keepSecrets ? json : redact(json)) + '\n');
    this.written += 1;
    this.batchDone ??= new Promise<void>((resolve, reject) => {
      setImmediate(() => this.flush(resolve, reject));
    });
    return this.batchDone;
  }

  private flush(resolve: () => void, reject: (err: Error) => void): void {
    const chunk = this.batch.join('');
    this.batch = [];
    this.batchDone = undefined;
    if (this.failure) return reject(this.failure);
    this.stream.write(chunk, (err) => (err ? reject(err) : resolve()));
  }

  /** Flushes every pending line, syncs the file to disk and closes it. */
  async close(): Promise<void> {
    if (this.batchDone) await this.batchDone.catch(() => undefined);
    if (!this.stream.writableFinished && !this.failure) {
      await new Promise<void>((resolve) => {
        this.stream.once('finish', resolve);
        this.stream.once('error', () => resolve());
        this.stream.end();
      });
    }
    try {
      await fsyncAsync(this.fd);
    } finally {
      await closeAsync(this.fd);
    }
    if (this.failure) throw this.failure;
  }
}
