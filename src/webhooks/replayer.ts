/**
 * Re-sends the records of a capture file: the exact body bytes, method, content type and
 * non-credential headers, to the recorded path appended to the target. The file is streamed
 * and pulled only as slots free up, so memory stays flat however large the file is.
 */
import { setMaxListeners } from 'node:events';
import { dropRedactedParams, replayHeaders } from '../capture/headers.js';
import { decodeBody, unreplayableReason, type CaptureRecord } from '../capture/record.js';
import { readCapture, type NumberedRecord } from '../capture/reader.js';
import { isSuccess, type SendResult } from './http.js';
import { Pacer } from './pacer.js';
import { sendMany, type SendStats } from './sender.js';
import { joinTarget } from './target-url.js';

export interface ReplayFilter {
  events?: string[];
  since?: Date;
  until?: Date;
}

export interface ReplayOptions extends ReplayFilter {
  file: string;
  to: URL;
  concurrency: number;
  ratePerSecond?: number;
  preserveTiming?: boolean;
  /** Added to (and overriding) each record's headers; names in lower case. */
  headers?: Record<string, string>;
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
}

export function matchesFilter(record: CaptureRecord, filter: ReplayFilter): boolean {
  if (filter.events?.length && !filter.events.includes(record.event ?? '')) return false;
  if (filter.since || filter.until) {
    const at = Date.parse(record.receivedAt);
    if (Number.isNaN(at)) return false;
    if (filter.since && at < filter.since.getTime()) return false;
    if (filter.until && at > filter.until.getTime()) return false;
  }
  return true;
}

export async function replayCapture(options: ReplayOptions): Promise<ReplaySummary> {
  let skippedLines = 0;
  let unreplayable = 0;
  async function* jobs(): AsyncGenerator<NumberedRecord> {
    const records = readCapture(options.file, {
      onSkip: (message) => {
        skippedLines += 1;
        options.onWarning(message);
      },
    });
    for await (const item of records) {
      if (!matchesFilter(item.record, options)) continue;
      const reason = unreplayableReason(item.record);
      if (reason) {
        unreplayable += 1;
        options.onWarning(`${options.file}: line ${item.line}: not replayed: ${reason}`);
        continue;
      }
      yield item;
    }
  }

  // Every request in flight listens on the one cancellation signal; that is by design, not a leak.
  if (options.signal) setMaxListeners(options.concurrency + 16, options.signal);
  const pacer = new Pacer({ ratePerSecond: options.ratePerSecond, preserveTiming: options.preserveTiming, signal: options.signal });
  const extra = options.headers ?? {};
  const stats = await sendMany(jobs(), {
    concurrency: options.concurrency,
    signal: options.signal,
    beforeSend: pacer.active ? ({ record }) => pacer.wait(record.receivedAt) : undefined,
    toRequest: ({ record }) => {
      const headers = { ...replayHeaders(record.headers) };
      for (const [name, value] of Object.entries(extra)) headers[name] = value;
      return {
        url: joinTarget(options.to, record.path, dropRedactedParams(record.query)),
        method: record.method || 'POST',
        headers,
        body: decodeBody(record),
        timeoutMs: options.timeoutMs,
      };
    },
    onResult: (result: SendResult, { line, record }) => {
      const out: ReplayResult = {
        line,
        id: record.id,
        event: record.event,
        method: result.method,
        url: result.url,
        ms: result.ms,
        ok: isSuccess(result),
      };
      if (result.status !== undefined) out.status = result.status;
      if (result.error) out.error = result.error;
      options.onResult(out);
    },
  });
  return { ...stats, skippedLines, unreplayable };
}
