/**
 * The inspector's JSON API, behind the server's guard (token, Host, origin): pages of rows,
 * one record's detail, the live feed, replay (as captured or edited), promote, and the capture
 * redacted for download. Every answer passes through `redact()`: the config's secrets never
 * reach the page, revealed or not; a record's masked headers are revealed only on request.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { maskRecord, maskUrl } from '../capture/secret-mask.js';
import { HOP_BY_HOP_HEADERS } from '../capture/headers.js';
import { Placeholders } from '../capture/placeholders.js';
import { REDACTED, decodeBody } from '../capture/record.js';
import { redactRecord } from '../capture/redact.js';
import { saveSample } from '../capture/save-sample.js';
import { isOmnibotError } from '../core/errors.js';
import { redact } from '../core/io/secrets.js';
import { sendRequest } from '../core/http/send.js';
import type { Catalog } from '../events/catalog.js';
import { buildDetail } from './detail.js';
import { joinTarget } from '../webhooks/target-url.js';
import type { RowFilter } from './rows.js';
import type { RecordStore } from './store.js';

export interface ApiContext {
  store: RecordStore;
  catalog: Catalog;
  /** The page's own origin (curl commands name it when a record has no other). */
  origin: string;
  /** Where replays go by default: the listener's --forward-to. */
  forwardTo?: string;
  /** The folder whose `.omnibot/events/` takes promoted samples; undefined: promote is off. */
  configDir?: string;
  /** Where the recorded requests were sent (the listener), for "copy as curl". */
  receiver?: string;
  /** What the list's title says: the capture file, or "live". */
  source: string;
  live: boolean;
}

export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function sendJson(res: ServerResponse, status: number, data: unknown): void {
  const text = redact(JSON.stringify(data));
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

function filterOf(url: URL): RowFilter {
  const status = url.searchParams.get('status') ?? undefined;
  const verdict = url.searchParams.get('verdict');
  if (status && !/^([1-5]xx|\d{3})$/i.test(status)) throw new ApiProblem(400, 'status: 2xx, 4xx, 5xx or a code');
  if (verdict && verdict !== 'valid' && verdict !== 'invalid') throw new ApiProblem(400, 'verdict: valid or invalid');
  const events = url.searchParams.getAll('event').filter(Boolean);
  const q = url.searchParams.get('q')?.slice(0, 200) || undefined;
  return {
    ...(events.length ? { events } : {}),
    ...(verdict ? { verdict: verdict as 'valid' | 'invalid' } : {}),
    ...(status ? { status } : {}),
    ...(q ? { q } : {}),
  };
}

function intParam(url: URL, name: string, fallback: number, max: number): number {
  const raw = url.searchParams.get(name);
  if (raw === null) return fallback;
  if (!/^\d{1,9}$/.test(raw)) throw new ApiProblem(400, `${name}: a whole number`);
  return Math.min(Number(raw), max);
}

async function recordAt(cx: ApiContext, text: string | undefined) {
  const n = Number(text);
  const record = Number.isInteger(n) ? await cx.store.record(n) : undefined;
  if (!record) throw new ApiProblem(404, `no record ${text}`);
  return { n, record };
}

interface ReplayBody {
  n?: number;
  to?: string;
  method?: string;
  headers?: Array<[string, string]>;
  body?: string;
}

async function replay(cx: ApiContext, input: ReplayBody) {
  const { record } = await recordAt(cx, String(input.n));
  const to = input.to?.trim() || cx.forwardTo;
  if (!to) throw new ApiProblem(400, 'to: where to send it (there is no --forward-to)');
  let target: URL;
  try {
    target = new URL(to);
  } catch {
    throw new ApiProblem(400, 'to: not a URL');
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') throw new ApiProblem(400, 'to: http or https');
  const edited = input.headers !== undefined;
  const pairs = edited ? input.headers! : Object.entries(record.headers);
  const headers: Array<[string, string]> = [];
  for (const [name, value] of pairs) {
    if (typeof name !== 'string' || typeof value !== 'string' || /[\r\n]/.test(name + value))
      throw new ApiProblem(400, `headers: "${String(name)}" has a line break or is not text`);
    const lower = name.toLowerCase();
    // A masked value was never kept: sending *** would only confuse the bot.
    if (HOP_BY_HOP_HEADERS.has(lower) || lower === 'host' || lower === 'content-length' || value === REDACTED) continue;
    headers.push([name, value]);
  }
  // To the forward target the request goes as listen forwards it (its path under the target's);
  // a URL typed on the page is taken exactly as typed.
  const url = input.to?.trim() ? target.toString() : joinTarget(target, record.path, record.query);
  const sent = await sendRequest({
    url,
    method: (input.method || record.method || 'POST').toUpperCase(),
    headers,
    body: input.body !== undefined ? input.body : decodeBody(record),
    timeoutMs: 10_000,
    maxResponseBytes: 256 * 1024,
  });
  return {
    url: maskUrl(url),
    status: sent.status ?? null,
    ms: Math.round(sent.ms),
    headers: sent.headers,
    body: sent.body.toString('utf8'),
    ...(sent.error ? { error: sent.reason ?? sent.error } : {}),
  };
}

async function download(cx: ApiContext, res: ServerResponse): Promise<void> {
  res.writeHead(200, {
    'content-type': 'application/x-ndjson; charset=utf-8',
    'content-disposition': 'attachment; filename="capture.redacted.ndjson"',
    'cache-control': 'no-store',
  });
  const ph = new Placeholders();
  for (let n = 1; n <= cx.store.count; n += 1) {
    const record = await cx.store.record(n);
    if (!record) continue;
    const line = redact(JSON.stringify(redactRecord(maskRecord(record), ph).record)) + '\n';
    if (!res.write(line)) await new Promise((resolve) => res.once('drain', resolve));
  }
  res.end();
}

export async function handleApi(
  cx: ApiContext,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  readJson: () => Promise<unknown>,
): Promise<void> {
  const parts = url.pathname.split('/').filter(Boolean); // ['api', …]
  const route = `${req.method} /${parts.slice(1, 2).join('/')}`;
  try {
    if (route === 'GET /info') {
      return sendJson(res, 200, {
        source: cx.source,
        live: cx.live,
        count: cx.store.count,
        indexing: cx.store.indexing,
        events: [...new Set([...cx.catalog.events.map((e) => e.name), ...cx.store.events()])].sort(),
        ...(cx.forwardTo ? { forwardTo: maskUrl(cx.forwardTo) } : {}),
        promote: cx.configDir !== undefined,
      });
    }
    if (route === 'GET /records' && parts.length === 2) {
      const page = await cx.store.page(
        filterOf(url),
        intParam(url, 'offset', 0, 1e9),
        Math.max(1, intParam(url, 'limit', 100, 500)),
      );
      return sendJson(res, 200, page);
    }
    if (route === 'GET /records' && parts.length === 3) {
      const { n, record } = await recordAt(cx, parts[2]);
      const reveal = url.searchParams.get('reveal') === '1';
      const origin = (cx.receiver ?? cx.origin).replace(/\/$/, '');
      return sendJson(res, 200, buildDetail(n, record, cx.catalog, { reveal, origin }));
    }
    if (route === 'POST /replay') return sendJson(res, 200, await replay(cx, (await readJson()) as ReplayBody));
    if (route === 'POST /promote') {
      if (!cx.configDir) throw new ApiProblem(409, 'promote needs a config folder');
      const input = (await readJson()) as { n?: number; as?: string; force?: boolean };
      const { n, record } = await recordAt(cx, String(input.n));
      if (typeof input.as !== 'string' || !input.as) throw new ApiProblem(400, 'as: the event the sample is for');
      const saved = await saveSample({
        record,
        from: { file: cx.source, line: n },
        as: input.as,
        catalog: cx.catalog,
        configDir: cx.configDir,
        force: input.force === true,
        which: `record ${n}`,
      });
      return sendJson(res, 200, { file: saved.file, event: saved.event, overrides: Boolean(saved.shipped) });
    }
    if (route === 'GET /download') return await download(cx, res);
    throw new ApiProblem(404, `no such API: ${req.method} ${url.pathname}`);
  } catch (err) {
    if (res.headersSent) return void res.destroy();
    if (err instanceof ApiProblem) return sendJson(res, err.status, { error: err.message });
    if (isOmnibotError(err)) return sendJson(res, 400, { error: err.message, hint: err.hint });
    return sendJson(res, 503, { error: `could not do that: ${(err as Error)?.message ?? String(err)}` });
  }
}
