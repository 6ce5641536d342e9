/**
 * Replay from the inspector: as captured to --forward-to (its path under the target's, as listen
 * forwards), edited to a typed URL exactly, never a masked value, and a header with a line break
 * refused before anything is sent.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInspector, type RunningInspector } from '../../../src/inspector/server.js';
import { memoryStore } from '../../../src/inspector/store.js';
import { shippedCatalog } from '../../../src/events/catalog.js';

let bot: Server;
let botUrl: string;
let page: RunningInspector;
let token: string;
const seen: Array<{ url: string; auth?: string; marker?: string; body: string }> = [];

beforeAll(async () => {
  bot = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      seen.push({
        url: req.url ?? '',
        auth: req.headers.authorization,
        marker: req.headers['x-marker'] as string | undefined,
        body,
      });
      res.writeHead(202, { 'content-type': 'text/plain' }).end('seen');
    });
  });
  await new Promise<void>((resolve) => bot.listen(0, '127.0.0.1', resolve));
  botUrl = `http://127.0.0.1:${(bot.address() as AddressInfo).port}`;
  const live = memoryStore();
  live.push({
    v: 1,
    id: 'a',
    receivedAt: '2026-12-04T10:00:00.000Z',
    method: 'POST',
    path: '/hook',
    query: 'x=1',
    headers: { 'content-type': 'application/json', authorization: '***' },
    body: '{"case_id":"5"}',
    event: null,
    valid: false,
    response: { status: 200, ms: 1 },
  });
  page = await startInspector({
    store: live.store,
    catalog: shippedCatalog(),
    source: 'live',
    live: true,
    forwardTo: `${botUrl}/base`,
  });
  token = new URL(page.url).hash.replace('#token=', '');
});
afterAll(async () => {
  await page.close();
  await new Promise((resolve) => bot.close(resolve));
});

const replay = async (body: unknown) =>
  fetch(`${page.origin}/api/replay`, {
    method: 'POST',
    headers: { 'x-omnibot-token': token, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('replay from the inspector', () => {
  it('sends the record as captured under the forward target, without the masked header', async () => {
    const res = (await (await replay({ n: 1 })).json()) as any;
    expect(res).toMatchObject({ status: 202, body: 'seen' });
    expect(seen.at(-1)).toEqual({ url: '/base/hook?x=1', auth: undefined, marker: undefined, body: '{"case_id":"5"}' });
  });

  it('sends an edited request to a typed URL exactly as typed', async () => {
    const res = await replay({
      n: 1,
      to: `${botUrl}/exact?y=2`,
      headers: [['x-marker', 'edited']],
      body: '{"case_id":"6"}',
    });
    expect(res.status).toBe(200);
    expect(seen.at(-1)).toEqual({ url: '/exact?y=2', auth: undefined, marker: 'edited', body: '{"case_id":"6"}' });
  });

  it('refuses a header with a line break, sending nothing', async () => {
    const before = seen.length;
    const res = await replay({ n: 1, headers: [['x-marker', 'a\r\nx-injected: 1']] });
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).error).toContain('line break');
    expect(seen.length).toBe(before);
  });
});
