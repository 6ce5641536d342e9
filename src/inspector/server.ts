/**
 * The inspector's web server. It binds loopback only and trusts nothing it did not hand out:
 * - a Host header other than its own address is refused (a DNS-rebinding page cannot read it);
 * - every API call carries the per-run token in a header, which no other site can set without a
 *   CORS preflight this server never grants, and which no other local user knows;
 * - a POST must be JSON from this very origin (no form or cross-site request gets through);
 * - the page itself holds no data: it reads the token from the URL's fragment, never sent.
 * It never answers 500 and never dies on a request, however malformed.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { redact } from '../core/io/secrets.js';
import { ApiProblem, handleApi, type ApiContext } from './api.js';
import type { Row } from './rows.js';

const MAX_JSON_BYTES = 2 * 1024 * 1024;
const ASSETS: Record<string, [file: string, type: string]> = {
  '/': ['index.html', 'text/html; charset=utf-8'],
  '/app.js': ['app.js', 'text/javascript; charset=utf-8'],
  '/app.css': ['app.css', 'text/css; charset=utf-8'],
};
const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; " +
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

export interface RunningInspector {
  /** The page's address, with the token in its fragment: what to open. */
  url: string;
  origin: string;
  close(): Promise<void>;
}

/** src/inspector and dist/inspector both sit two levels below the package root. */
const ASSET_DIR = fileURLToPath(new URL('../../templates/inspector/', import.meta.url));

function sameToken(given: string | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function plain(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS });
  res.end(text + '\n');
}

function readJsonBody(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_JSON_BYTES) {
        reject(Object.assign(new Error('body too large'), { status: 413 }));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('error', reject);
    req.on('end', () => {
      try {
        const value = JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
        if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error('not an object');
        resolve(value);
      } catch {
        reject(Object.assign(new Error('the body must be a JSON object'), { status: 400 }));
      }
    });
  });
}

/** The live feed: one server-sent event per new row, over a fetch stream (it can carry the token). */
function liveFeed(cx: ApiContext, req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    ...SECURITY_HEADERS,
  });
  res.write(`: ${cx.store.count} records\n\n`);
  const onRow = (row: Row) => res.write(`data: ${redact(JSON.stringify(row))}\n\n`);
  cx.store.on('row', onRow);
  const ping = setInterval(() => res.write(': ping\n\n'), 15_000);
  ping.unref();
  req.on('close', () => {
    clearInterval(ping);
    cx.store.off('row', onRow);
  });
}

export async function startInspector(
  cx: Omit<ApiContext, 'origin'>,
  options: { port?: number; token?: string } = {},
): Promise<RunningInspector> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const assets = new Map<string, Buffer>();
  for (const [path, [file]] of Object.entries(ASSETS)) assets.set(path, await readFile(`${ASSET_DIR}${file}`));
  let hosts = new Set<string>();
  let api: ApiContext = { ...cx, origin: '' };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!hosts.has((req.headers.host ?? '').toLowerCase())) return plain(res, 421, 'not this host');
    let url: URL;
    try {
      url = new URL(req.url ?? '/', api.origin);
    } catch {
      return plain(res, 400, 'bad request target');
    }
    const asset = assets.get(url.pathname);
    if (asset && (req.method === 'GET' || req.method === 'HEAD')) {
      res.writeHead(200, {
        'content-type': ASSETS[url.pathname]![1],
        'content-length': asset.length,
        'cache-control': 'no-store',
        ...SECURITY_HEADERS,
      });
      return void res.end(req.method === 'HEAD' ? undefined : asset);
    }
    if (!url.pathname.startsWith('/api/')) return plain(res, 404, 'not found');
    if (!sameToken(req.headers['x-omnibot-token'] as string | undefined, token)) return plain(res, 401, 'token needed');
    if (req.method === 'POST') {
      const origin = req.headers.origin;
      const site = req.headers['sec-fetch-site'];
      if ((origin && origin !== api.origin) || (site && site !== 'same-origin'))
        return plain(res, 403, 'cross-site request refused');
      if (!/^application\/json\b/i.test(req.headers['content-type'] ?? ''))
        return plain(res, 415, 'send application/json');
    } else if (req.method !== 'GET') return plain(res, 405, 'GET or POST');
    if (url.pathname === '/api/live') return liveFeed(api, req, res);
    const readJson = () =>
      readJsonBody(req).catch((err: Error & { status?: number }) => {
        throw new ApiProblem(err.status ?? 400, err.message);
      });
    await handleApi(api, req, res, url, readJson);
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (res.headersSent) res.destroy();
      else plain(res, 503, `could not answer: ${(err as Error)?.message ?? 'unknown'}`);
    });
  });
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
    else socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  api = { ...cx, origin: `http://127.0.0.1:${port}` };
  return {
    url: `${api.origin}/#token=${token}`,
    origin: api.origin,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
