/**
 * The records the inspector shows, a million of them if need be: per record only the columns a
 * filter reads (event, verdict, status) stay in memory, with where its line is; the browser asks
 * for a page at a time and the full record of one row. Two sources fill it: `listen --ui` appends
 * each request as it is recorded, `inspect` indexes a capture file in the background (the first
 * pages are there at once; the count grows as the scan goes).
 */
import { EventEmitter } from 'node:events';
import type { CaptureRecord } from '../capture/record.js';
import { parseRecordLine } from '../capture/reader.js';
import { factsMatch, factsOf, toRow, type Facts, type Row, type RowFilter } from './rows.js';

export interface LineSource {
  /** The text of record `i` (0-based). */
  read(i: number): Promise<string>;
  /** Indexes (0-based, below `upTo`) whose line contains `needle` (lower case). */
  search(needle: string, upTo: number): Promise<number[]>;
  close(): Promise<void>;
}

export interface Page {
  /** Records that pass the filter. */
  total: number;
  /** Records in the store. */
  count: number;
  indexing: boolean;
  rows: Row[];
}

interface Cached {
  key: string;
  matches: number[];
  /** Records checked so far (later ones are checked when next asked). */
  upTo: number;
}

export class RecordStore extends EventEmitter {
  private readonly codes: number[] = [];
  private readonly valid: boolean[] = [];
  private readonly status: number[] = [];
  private readonly combos: string[][] = [];
  private readonly comboIndex = new Map<string, number>();
  private cache?: Cached;
  indexing = false;
  /** Settles when the source is fully read (at once for a live session). */
  indexed: Promise<void> = Promise.resolve();

  constructor(private readonly source: LineSource) {
    super();
  }

  get count(): number {
    return this.codes.length;
  }

  /** The facts of one more record (its line is the source's business). */
  add(facts: Facts): number {
    const key = facts.events.join('\n');
    let code = this.comboIndex.get(key);
    if (code === undefined) {
      code = this.combos.push(facts.events) - 1;
      this.comboIndex.set(key, code);
    }
    this.codes.push(code);
    this.valid.push(facts.valid);
    this.status.push(facts.status);
    return this.codes.length;
  }

  /** A live record: stored, then announced to the page's live list. */
  announce(n: number, record: CaptureRecord): void {
    this.emit('row', toRow(n, record));
  }

  /** The events seen so far, for the filter's choices. */
  events(): string[] {
    return [...new Set(this.combos.flat())].sort();
  }

  private factsAt(i: number): Facts {
    return { events: this.combos[this.codes[i]!]!, valid: this.valid[i]!, status: this.status[i]! };
  }

  private async matching(filter: RowFilter): Promise<number[]> {
    const key = JSON.stringify(filter);
    if (this.cache?.key !== key) this.cache = { key, matches: [], upTo: 0 };
    const cached = this.cache;
    const count = this.count;
    if (cached.upTo >= count) return cached.matches;
    const needle = filter.q?.trim().toLowerCase();
    const from = cached.upTo;
    const texty = needle ? new Set(await this.source.search(needle, count)) : undefined;
    for (let i = from; i < count; i += 1) {
      if (factsMatch(this.factsAt(i), filter) && (!texty || texty.has(i))) cached.matches.push(i);
    }
    cached.upTo = count;
    return cached.matches;
  }

  async page(filter: RowFilter, offset: number, limit: number): Promise<Page> {
    const matches = await this.matching(filter);
    const slice = matches.slice(Math.max(0, offset), Math.max(0, offset) + limit);
    // All at once: one by one, each read would wait behind a chunk of a scan still going on.
    const records = await Promise.all(slice.map((i) => this.record(i + 1)));
    const rows: Row[] = [];
    records.forEach((record, k) => {
      if (record) rows.push(toRow(slice[k]! + 1, record));
    });
    return { total: matches.length, count: this.count, indexing: this.indexing, rows };
  }

  /** Record `n` (1-based), or undefined when there is none. */
  async record(n: number): Promise<CaptureRecord | undefined> {
    if (!Number.isInteger(n) || n < 1 || n > this.count) return undefined;
    const parsed = parseRecordLine(await this.source.read(n - 1));
    return 'record' in parsed ? parsed.record : undefined;
  }

  async close(): Promise<void> {
    await this.source.close();
  }
}

/** Lines kept in memory: what `listen --ui` records during one session. */
export class MemoryLines implements LineSource {
  readonly lines: string[] = [];
  async read(i: number): Promise<string> {
    return this.lines[i] ?? '';
  }
  async search(needle: string, upTo: number): Promise<number[]> {
    const out: number[] = [];
    for (let i = 0; i < upTo && i < this.lines.length; i += 1) {
      if (this.lines[i]!.toLowerCase().includes(needle)) out.push(i);
    }
    return out;
  }
  async close(): Promise<void> {}
}

/** A store for one listen session; `push` adds a record as it is recorded. */
export function memoryStore(): { store: RecordStore; push(record: CaptureRecord): void } {
  const lines = new MemoryLines();
  const store = new RecordStore(lines);
  return {
    store,
    push(record) {
      lines.lines.push(JSON.stringify(record));
      const n = store.add(factsOf(record));
      store.announce(n, record);
    },
  };
}
