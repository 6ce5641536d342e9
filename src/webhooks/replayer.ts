/**
 * Re-sends the records of a capture file: the exact body bytes (a GET's too), method and
 * headers (repeated ones repeated), to the recorded path appended to the target. A value the
 * capture masked is put back from a flag, the config or the environment, or the record is
 * refused (see restore-secrets.ts); nothing masked is ever sent. The file is streamed and
 * pulled only as slots free up, so memory stays flat however large the file is.
 */
import { decodeBody, matchesEvents, unreplayableReason, type CaptureRecord } from '../capture/record.js';
import { maskUrl } from '../capture/secret-mask.js';
import { parseRawLine, readCaptureLines, type NumberedRecord, type RawLine } from '../capture/reader.js';
import { isSuccess, type SendResult } from '../core/http/send.js';
import { Pacer } from './pacer.js';
import { NO_JOB, sendMany, type JobSource, type SendStats } from './sender.js';
import { restoreRequest, type RestoreSources } from './restore-secrets.js';
import { targetJoiner } from './target-url.js';

export interface ReplayFilter {
  events?: string[];
  since?: Date;
  until?: Date;
}

export interface ReplayOptions extends ReplayFilter {
  /** A capture file, or `-` for `stdin`. */
  file: string;
  stdin?: NodeJS.ReadableStream;
  to: URL;
  concurrency: number;
  ratePerSecond?: number;
  preserveTiming?: boolean;
  /** Added to (and overriding) each record's headers; names in lower case. */
  headers?: Record<string, string>;
  /** Where masked values come back from; without it, a record with a masked value is refused. */
  secrets?: Omit<RestoreSources, 'headerNames'>;
  timeoutMs?: number;
  signal?: AbortSignal;
  onWarning: (message: string) => void;
  onResult: (result: ReplayResult) => void;
}

export interface ReplayResult {
  line: number;
  id: string;
  event: string | null;
  method: string;
  url: string;
  status?: number;
  ms: number;
  ok: boolean;
  error?: string;
}

export interface ReplaySummary extends SendStats {
  /** Lines that were not records (torn or invalid). */
  skippedLines: number;
  /** Records that could not be re-sent faithfully (body over the limit, aborted…). */
  unreplayable: number;
  /** Records refused because a masked value could not be put back. */
  refused: number;
}

interface ReplayJob extends NumberedRecord {
  path: string;
  query: string;
  headers: Array<[string, string]>;
}

export function matchesFilter(record: CaptureRecord, filter: ReplayFilter): boolean {
  if (!matchesEvents(record, filter.events)) return false;
  if (filter.since || filter.until) {
    const at = Date.parse(record.receivedAt);
    if (Number.isNaN(at)) return false;
    if (filter.since && at < filter.since.getTime()) return false;
    if (filter.until && at > filter.until.getTime()) return false;
  }
  return true;
}

/**
 * The records to re-send, a chunk of the file at a time: each line is decoded, parsed, filtered
 * and warned about only when a sender takes it, so warnings keep their place among the results
 * and only one chunk's lines are held.
 */
class RecordSource implements JobSource<ReplayJob> {
  skippedLines = 0;
  unreplayable = 0;
  refused = 0;
  private readonly sources: RestoreSources;
  private lines: RawLine[] = [];
  private next = 0;
  private readonly chunks: AsyncGenerator<RawLine[]>;

  constructor(private readonly options: ReplayOptions) {
    this.chunks = readCaptureLines(options.file, { stdin: options.stdin });
    const secrets = options.secrets ?? { known: { pathTokens: [], queryValues: new Map() }, query: new Map() };
    this.sources = { ...secrets, headerNames: new Set(Object.keys(options.headers ?? {})) };
  }

  take(): ReplayJob | typeof NO_JOB {
    const { options, lines } = this;
    while (this.next < lines.length) {
      const parsed = parseRawLine(options.file, lines[this.next]!);
      this.next += 1;
      if (!('record' in parsed)) {
        this.skippedLines += 1;
        options.onWarning(parsed.message);
        continue;
      }
      if (!matchesFilter(parsed.record, options)) continue;
      const reason = unreplayableReason(parsed.record);
      if (reason) {
        this.unreplayable += 1;
        options.onWarning(`${options.file}: line ${parsed.line}: not replayed: ${reason}`);
        continue;
      }
      const restored = restoreRequest(parsed.record, this.sources);
      if (!restored.ok) {
        this.refused += 1;
        options.onWarning(
          `${options.file}: line ${parsed.line} (id ${parsed.record.id}): not replayed: ${restored.reason}`,
        );
        continue;
      }
      return { ...parsed, path: restored.path, query: restored.query, headers: restored.headers };
    }
    return NO_JOB;
  }

  async fill(): Promise<boolean> {
    const chunk = await this.chunks.next();
    this.lines = chunk.done ? [] : chunk.value;
    this.next = 0;
    return !chunk.done;
  }

  async close(): Promise<void> {
    await this.chunks.return(undefined);
  }
}

export async function replayCapture(options: ReplayOptions): Promise<ReplaySummary> {
  const source = new RecordSource(options);
  const pacer = new Pacer({
    ratePerSecond: options.ratePerSecond,
    preserveTiming: options.preserveTiming,
    signal: options.signal,
  });
  const extra = Object.entries(options.headers ?? {});
  const target = targetJoiner(options.to);
  const stats = await sendMany(source, {
    concurrency: options.concurrency,
    signal: options.signal,
    beforeSend: pacer.active ? ({ record }) => pacer.wait(record.receivedAt) : undefined,
    toRequest: ({ record, path, query, headers }) => ({
      url: target(path, query),
      method: record.method || 'POST',
      headers: extra.length ? headers.concat(extra) : headers,
      body: decodeBody(record),
      timeoutMs: options.timeoutMs,
    }),
    onResult: (result: SendResult, { line, record }) => {
      // What is shown never carries the secrets that were put back into the request.
      const url = maskUrl(result.url);
      const out: ReplayResult = {
        line,
        id: record.id,
        event: record.event,
        method: result.method,
        url,
        ms: result.ms,
        ok: isSuccess(result),
      };
      if (result.status !== undefined) out.status = result.status;
      if (result.error) out.error = result.error.split(result.url).join(url);
      options.onResult(out);
    },
  });
  return { ...stats, skippedLines: source.skippedLines, unreplayable: source.unreplayable, refused: source.refused };
}
