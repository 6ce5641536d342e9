import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { DeliveryLog } from '../../../src/server/deliveries.js';
import { parseBasicAuth } from '../../../src/server/basic-auth.js';
import { FaultQueue, faultSchema } from '../../../src/server/faults.js';
import { encodeForm } from '../../../src/core/php-form.js';
import { queryAll, textMatches } from '../../../src/server/query.js';
import { RateWindow } from '../../../src/server/rate-window.js';
import { Router } from '../../../src/server/router.js';
import { json } from '../../../src/server/http.js';

describe('shared sandbox helpers', () => {
  it('reads PHP multi-value filters in all three spellings', () => {
    const q = new URLSearchParams('status[]=open&status[1]=closed&status=waiting&statusx=no&labels=1,2');
    expect(queryAll(q, 'status')).toEqual(['open', 'closed', 'waiting']);
    expect(queryAll(q, 'labels')).toEqual(['1', '2']);
  });

  it('anchors text search with ^', () => {
    expect(textMatches('123', 'tg-1234')).toBe(true);
    expect(textMatches('^tg-123^', 'tg-1234')).toBe(false);
    expect(textMatches('^tg-123^', 'TG-123')).toBe(true);
    expect(textMatches('^tg', 'tg-1')).toBe(true);
    expect(textMatches('4^', 'tg-1234')).toBe(true);
    expect(textMatches('x', undefined)).toBe(false);
  });

  it('encodes PHP bracket forms like http_build_query', () => {
    const body = encodeForm({
      type: 'message_new',
      object: { case_id: 1, content: 'Да & нет', note: false, list: ['a'] },
    });
    expect(body).toBe(
      'type=message_new&object%5Bcase_id%5D=1&object%5Bcontent%5D=%D0%94%D0%B0+%26+%D0%BD%D0%B5%D1%82&' +
        'object%5Bnote%5D=0&object%5Blist%5D%5B0%5D=a',
    );
  });

  it('parses Basic credentials, keeping colons in the password', () => {
    const header = `Basic ${Buffer.from('a@b.co:k:e:y').toString('base64')}`;
    expect(parseBasicAuth(header)).toEqual({ user: 'a@b.co', password: 'k:e:y' });
    expect(parseBasicAuth('Bearer x')).toBeUndefined();
    expect(parseBasicAuth(`Basic ${Buffer.from('nocolon').toString('base64')}`)).toBeUndefined();
  });

  it('routes by method and path with {params}, telling 404 from 405', () => {
    const router = new Router<null>().on('GET', '/api/cases/{id}.json', (req) => json(200, req.params));
    const hit = router.match('GET', '/api/cases/42.json');
    expect(hit !== undefined && hit !== 'method' && hit.params).toEqual({ id: '42' });
    expect(router.match('PUT', '/api/cases/42.json')).toBe('method');
    expect(router.match('GET', '/api/cases/42/trash.json')).toBeUndefined();
  });

  it('counts a per-minute window and says when it reopens', () => {
    let now = 1_000_000;
    const w = new RateWindow(2, () => now);
    expect(w.take()).toMatchObject({ allowed: true, remaining: 1 });
    expect(w.take()).toMatchObject({ allowed: true, remaining: 0 });
    now += 15_000;
    expect(w.take()).toMatchObject({ allowed: false, retryAfterSeconds: 45 });
    now += 45_000;
    expect(w.take()).toMatchObject({ allowed: true, remaining: 1 });
  });

  it('consumes queued faults in order, by method and path', () => {
    const q = new FaultQueue();
    q.add(faultSchema.parse({ status: 500, path: '^/api/cases', count: 2 }));
    q.add(faultSchema.parse({ status: 429, method: 'get' }));
    expect(q.take('POST', '/api/labels.json')).toBeUndefined();
    expect(q.take('GET', '/api/labels.json')?.status).toBe(429);
    expect(q.take('POST', '/api/cases.json')?.status).toBe(500);
    expect(q.take('POST', '/api/cases.json')?.status).toBe(500);
    expect(q.take('POST', '/api/cases.json')).toBeUndefined();
    expect(faultSchema.safeParse({ count: 1 }).success).toBe(false);
  });

  it('logs a delivery that gets no answer in time as status 0 with the timeout', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    try {
      const log = new DeliveryLog({ timeoutMs: 100 });
      const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/hook`;
      const d = await log.send({
        event: 'omnidesk.incoming',
        url,
        method: 'POST',
        contentType: 'application/json',
        body: '{}',
        ruleId: 7,
      });
      expect(d).toMatchObject({ id: 1, ruleId: 7, status: 0, error: 'timeout after 100 ms', url, body: '{}' });
      expect(log.list()).toHaveLength(1);
      const bad = await log.send({ event: 'x', url: 'not a url', method: 'POST', body: '' });
      expect(bad.error).toMatch(/invalid URL/);
    } finally {
      silent.closeAllConnections();
      await new Promise((r) => silent.close(r));
    }
  });
});
