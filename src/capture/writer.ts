/**
 * The one writer of a capture file. Each record becomes one whole line appended to a file opened
 * with O_APPEND, so concurrent requests never interleave bytes and a crash can tear at most the
 * last line. `append` resolves once the line has reached the kernel: the listener answers after
 * that, so every 2xx it gave survives a crash of the process.
 *
 * Group commit: the lines of one event-loop turn go out as one write(2), and their appends share
 * one promise. Under load that is one syscall for dozens of requests instead of one each. The
 * write is synchronous: an append to the page cache takes microseconds, far less than a hop to
 * the libuv thread pool and back, and the answers wait for it either way; while it runs no new
 * request is read, which is the back-pressure a slow disk should put on senders.
 */
import { close as closeFd, fchmod, fsync, open as openFd, writeSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { promisify } from 'node:util';
import { redact } from '../core/io/secrets.js';
import type { CaptureRecord } from './record.js';

const openAsync = promisify(openFd);
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
  private closed = false;

  private constructor(
    readonly file: string,
    private readonly fd: number,
    private readonly options: CaptureWriterOptions,
  ) {}

  /** Opens (creating with mode 0600, or appending to) a capture file. */
  static async open(file: string, options: CaptureWriterOptions = {}): Promise<CaptureWriter> {
    await mkdir(dirname(file), { recursive: true });
    const fd = await openAsync(file, 'a', 0o600);
    try {
      // An existing file keeps its mode on open; captures hold customer data, so tighten it.
      await fchmodAsync(fd, 0o600);
    } catch (err) {
      await closeAsync(fd).catch(() => undefined);
      throw err;
    }
    return new CaptureWriter(file, fd, options);
  }

  get count(): number {
    return this.written;
  }

  /** Serialises the record as one line and resolves when the line is handed to the kernel. */
  append(record: CaptureRecord): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.closed) return Promise.reject(new Error(`${this.file} is closed`));
    const json = JSON.stringify(record);
    this.batch.push((this.options.keepSecrets ? json : redact(json)) + '\n');
    this.written += 1;
    this.batchDone ??= new Promise<void>((resolve, reject) => {
      setImmediate(() => this.flush(resolve, reject));
    });
    return this.batchDone;
  }

  private flush(resolve: () => void, reject: (err: Error) => void): void {
    const chunk = this.batch.length === 1 ? this.batch[0]! : this.batch.join('');
    this.batch = [];
    this.batchDone = undefined;
    if (this.failure) return reject(this.failure);
    try {
      // A regular file takes the whole write unless the disk is full; finish a rare short write
      // from the bytes (the string is written without a Buffer copy in the common case).
      const written = writeSync(this.fd, chunk, null, 'utf8');
      if (written < Buffer.byteLength(chunk, 'utf8')) {
        const bytes = Buffer.from(chunk, 'utf8');
        for (let offset = written; offset < bytes.length; ) offset += writeSync(this.fd, bytes, offset);
      }
      resolve();
    } catch (err) {
      this.failure ??= err as Error;
      reject(err as Error);
    }
  }

  /** Flushes every pending line, syncs the file to disk and closes it. */
  async close(): Promise<void> {
    if (this.closed) return;
    if (this.batchDone) await this.batchDone.catch(() => undefined);
    this.closed = true;
    try {
      await fsyncAsync(this.fd);
    } finally {
      await closeAsync(this.fd);
    }
    if (this.failure) throw this.failure;
  }
}
