/**
 * A capture file as an inspector store: one pass finds where each line starts and reads the
 * columns a filter needs; after that a page costs one positional read per row. The pass runs in
 * the background, a chunk at a time, so the first page is there before the last line is read.
 * The file is only read, never written.
 */
import { createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { setImmediate as yieldToServer } from 'node:timers/promises';
import { parseRecordLine } from '../capture/reader.js';
import { factsOf, type Facts } from './rows.js';
import { RecordStore, type LineSource } from './store.js';

const LF = 0x0a;

/**
 * The columns of one line without parsing the whole record when it is one omnibot wrote (keys
 * in its order: the body is a string, so the last `"event":`, `"valid":` and `"response":` keys
 * are the record's own); anything else is parsed in full.
 */
export function quickFacts(text: string): Facts | undefined {
  const event = text.lastIndexOf('"event":');
  const valid = text.lastIndexOf('"valid":');
  const status = /"response":\{"status":(\d{1,3})[,}]/.exec(text.slice(Math.max(valid, 0)));
  if (text.startsWith('{"v":1,') && event > 0 && valid > event && status) {
    const ev = /^"event":(null|"([a-z0-9_.-]+)")/i.exec(text.slice(event));
    const cand = /"candidates":\[("[a-z0-9_.-]+"(?:,"[a-z0-9_.-]+")*)\]/i.exec(text.slice(event, valid));
    if (ev) {
      const events =
        ev[2] === undefined ? ['unknown'] : [ev[2], ...(cand ? (JSON.parse(`[${cand[1]}]`) as string[]) : [])];
      return { events: [...new Set(events)], valid: text.startsWith('"valid":true', valid), status: Number(status[1]) };
    }
  }
  const parsed = parseRecordLine(text);
  return 'record' in parsed ? factsOf(parsed.record) : undefined;
}

class FileLines implements LineSource {
  readonly starts: number[] = [];
  readonly ends: number[] = [];
  private searched?: { needle: string; upTo: number; hits: number[] };

  constructor(
    private readonly file: string,
    private readonly handle: FileHandle,
  ) {}

  async read(i: number): Promise<string> {
    const start = this.starts[i];
    if (start === undefined) return '';
    const length = this.ends[i]! - start;
    const buffer = Buffer.alloc(length);
    await this.handle.read(buffer, 0, length, start);
    return buffer.toString('utf8');
  }

  /** Streams the indexed part of the file once per needle, and only the new part after that. */
  async search(needle: string, upTo: number): Promise<number[]> {
    if (this.searched?.needle !== needle) this.searched = { needle, upTo: 0, hits: [] };
    const s = this.searched;
    if (s.upTo >= upTo) return s.hits.filter((i) => i < upTo);
    let next = s.upTo;
    const from = this.starts[next] ?? 0;
    const to = this.ends[upTo - 1] ?? from;
    // Lines are matched to records by where they start: skipped lines have no record.
    const check = (bytes: Buffer, start: number) => {
      while (next < upTo && this.starts[next]! < start) next += 1;
      if (next < upTo && this.starts[next] === start) {
        if (bytes.toString('utf8').toLowerCase().includes(needle)) s.hits.push(next);
        next += 1;
      }
    };
    if (to > from) await eachLine(createReadStream(this.file, { start: from, end: to - 1 }), from, check);
    s.upTo = upTo;
    return s.hits;
  }

  async close(): Promise<void> {
    await this.handle.close();
  }
}

/**
 * Calls `onLine(bytes, start)` for each LF-ended line of a stream that begins at byte `offset`
 * (a last line without LF too), yielding to the event loop between chunks so the server answers
 * page requests while a big file is read.
 */
async function eachLine(
  stream: AsyncIterable<unknown>,
  offset: number,
  onLine: (bytes: Buffer, start: number) => void,
  afterChunk?: () => void,
): Promise<void> {
  let position = offset;
  let carry: Buffer[] = [];
  let carryStart = offset;
  for await (const chunk of stream) {
    const buf = chunk as Buffer;
    let from = 0;
    for (let lf = buf.indexOf(LF); lf !== -1; lf = buf.indexOf(LF, from)) {
      const piece = buf.subarray(from, lf);
      if (carry.length) {
        onLine(Buffer.concat([...carry, piece]), carryStart);
        carry = [];
      } else onLine(piece, position + from);
      from = lf + 1;
    }
    if (from < buf.length) {
      if (!carry.length) carryStart = position + from;
      carry.push(buf.subarray(from));
    }
    position += buf.length;
    afterChunk?.();
    await yieldToServer();
  }
  if (carry.length) onLine(Buffer.concat(carry), carryStart);
}

export interface FileStoreOptions {
  /** A line that is not a record (torn, foreign): counted and reported, not shown. */
  onSkip?: (line: number) => void;
  onIndexed?: (count: number) => void;
  /** The file could not be read to its end (the records found so far stay). */
  onError?: (err: Error) => void;
}

/** Opens `file` and starts indexing it; returns once the first chunk is in, and fills as the scan goes. */
export async function fileStore(file: string, options: FileStoreOptions = {}): Promise<RecordStore> {
  const handle = await open(file, 'r');
  const lines = new FileLines(file, handle);
  const store = new RecordStore(lines);
  store.indexing = true;
  store.indexed = index(file, lines, store, options)
    .catch((err: unknown) => options.onError?.(err as Error))
    .finally(() => {
      store.indexing = false;
      options.onIndexed?.(store.count);
    });
  await Promise.race([store.indexed, new Promise((resolve) => store.once('chunk', resolve))]);
  return store;
}

async function index(file: string, lines: FileLines, store: RecordStore, options: FileStoreOptions): Promise<void> {
  let lineNo = 0;
  const take = (bytes: Buffer, start: number) => {
    lineNo += 1;
    const text = bytes.toString('utf8').replace(/\r$/, '');
    if (text.trim() === '') return;
    const facts = quickFacts(text);
    if (!facts) {
      options.onSkip?.(lineNo);
      return;
    }
    lines.starts.push(start);
    lines.ends.push(start + Buffer.byteLength(text));
    store.add(facts);
  };
  await eachLine(createReadStream(file, { highWaterMark: 1 << 20 }), 0, take, () => store.emit('chunk'));
}
