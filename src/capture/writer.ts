/**
 * The one writer of a capture file. Each record becomes one whole line appended to a file opened
 * with O_APPEND, so concurrent requests never interleave bytes. `append` resolves once the line
 * has reached the kernel and rejects when it could not be written: the listener answers 2xx only
 * after a resolve, so every 2xx it gave is a line in the file ("2xx means recorded").
 *
 * Group commit: the lines of one event-loop turn go out as one write(2), and their appends share
 * one promise. Under load that is one syscall for dozens of requests instead of one each. The
 * write is synchronous: an append to the page cache takes microseconds, far less than a hop to
 * the libuv thread pool and back, and the answers wait for it either way; while it runs no new
 * request is read, which is the back-pressure a slow disk should put on senders.
 *
 * A failed write (a full disk) is not the end: the bytes of the batch that did land are cut off
 * again (no torn line), that batch's appends reject, and the next batch simply tries again, so
 * capturing resumes by itself once space is freed.
 */
import * as nodeFs from 'node:fs';
import { dirname } from 'node:path';
import { promisify } from 'node:util';
import { redact } from '../core/io/secrets.js';
import type { CaptureRecord } from './record.js';
import { makeDirs } from '../core/make-dirs.js';

/** The file calls the writer makes; tests replace them to fail like a full disk. */
export interface CaptureFs {
  writeSync(fd: number, data: string, position: null, encoding: BufferEncoding): number;
  writeSync(fd: number, data: Buffer, offset: number, length: number): number;
  fstatSync(fd: number): { size: number };
  ftruncateSync(fd: number, length: number): void;
}

export interface CaptureWriterOptions {
  /** Skip the pass that masks registered secrets (the user asked to keep them). */
  keepSecrets?: boolean;
  /** Turns a record into its line (without the newline); the default is JSON.stringify. */
  serialize?: (record: CaptureRecord) => string;
  fs?: CaptureFs;
}

const LF = 0x0a;

export class CaptureWriter {
  private written = 0;
  private batch: string[] = [];
  private batchDone: Promise<void> | undefined;
  private closed = false;

  private constructor(
    readonly file: string,
    private readonly fd: number,
    private readonly options: CaptureWriterOptions,
    private readonly fs: CaptureFs,
    /** The file ended with an unterminated line (a write cut short) that `open` ended. */
    readonly endedTornLine: boolean,
  ) {}

  /**
   * Opens (creating with mode 0600, or appending to) a capture file. A last line without its
   * newline — left by a crash or a full disk mid-write — is ended first, so the next record
   * starts on a line of its own instead of being glued to the fragment (and skipped with it).
   */
  static async open(file: string, options: CaptureWriterOptions = {}): Promise<CaptureWriter> {
    const fs = options.fs ?? nodeFs;
    await makeDirs(dirname(file));
    // a+: appends like 'a', and lets open() read the last byte to find a torn line.
    const fd = await promisify(nodeFs.open)(file, 'a+', 0o600);
    try {
      // An existing file keeps its mode on open; captures hold customer data, so tighten it.
      await promisify(nodeFs.fchmod)(fd, 0o600);
      const torn = endsTorn(fd);
      if (torn) fs.writeSync(fd, '\n', null, 'utf8');
      return new CaptureWriter(file, fd, options, fs, torn);
    } catch (err) {
      await promisify(nodeFs.close)(fd).catch(() => undefined);
      throw err;
    }
  }

  /** Lines written so far by this writer. */
  get count(): number {
    return this.written;
  }

  /** Serialises the record as one line; resolves when the line is in the file, rejects if it is not. */
  append(record: CaptureRecord): Promise<void> {
    if (this.closed) return Promise.reject(new Error(`${this.file} is closed`));
    const line = this.options.serialize ? this.options.serialize(record) : JSON.stringify(record);
    this.batch.push((this.options.keepSecrets ? line : redact(line)) + '\n');
    this.batchDone ??= new Promise<void>((resolve, reject) => {
      setImmediate(() => this.flush(resolve, reject));
    });
    return this.batchDone;
  }

  private flush(resolve: () => void, reject: (err: Error) => void): void {
    const lines = this.batch.length;
    const chunk = lines === 1 ? this.batch[0]! : this.batch.join('');
    this.batch = [];
    this.batchDone = undefined;
    let landed = 0;
    try {
      // A regular file takes the whole write unless the disk is full; finish a short write from
      // the bytes (the string is written without a Buffer copy in the common case).
      landed = this.fs.writeSync(this.fd, chunk, null, 'utf8');
      const length = Buffer.byteLength(chunk, 'utf8');
      if (landed < length) {
        const bytes = Buffer.from(chunk, 'utf8');
        while (landed < length) landed += this.fs.writeSync(this.fd, bytes, landed, length - landed);
      }
      this.written += lines;
      resolve();
    } catch (err) {
      if (landed > 0) this.cutOff(landed);
      reject(err as Error);
    }
  }

  /** Removes the `landed` bytes a failed batch left at the end of the file (best effort). */
  private cutOff(landed: number): void {
    try {
      const size = this.fs.fstatSync(this.fd).size;
      this.fs.ftruncateSync(this.fd, Math.max(0, size - landed));
    } catch {
      // The reader skips a torn line, and the next open ends it; nothing better is possible here.
    }
  }

  /** Flushes every pending line, syncs the file to disk and closes it. */
  async close(): Promise<void> {
    if (this.closed) return;
    if (this.batchDone) await this.batchDone.catch(() => undefined);
    this.closed = true;
    try {
      await promisify(nodeFs.fsync)(this.fd);
    } finally {
      await promisify(nodeFs.close)(this.fd);
    }
  }
}

/** True when the file is not empty and its last byte is not a newline. */
function endsTorn(fd: number): boolean {
  const size = nodeFs.fstatSync(fd).size;
  if (size === 0) return false;
  const last = Buffer.alloc(1);
  nodeFs.readSync(fd, last, 0, 1, size - 1);
  return last[0] !== LF;
}
