import { describe, expect, it } from 'vitest';
import { useSandboxClient } from '../../helpers/sandbox.js';

const od = useSandboxClient();

describe('fault injection', () => {
  it('answers a queued 429 with retry_after, then succeeds; the request log shows both', async () => {
    const queued = await od.admin('POST', 'faults', { status: 429, retryAfter: 7 });
    expect(queued.status).toBe(200);
    const limited = await od.call('GET', '/api/labels.json');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry_after')).toBe('7');
    expect(limited.body).toEqual({ error: 'rate_limit_exceeded' });
    expect(limited.headers.get('x-omnibot-sandbox')).toBe('omnidesk');
    const ok = await od.call('GET', '/api/labels.json');
    expect(ok.status).toBe(200);
    const log = (await od.admin('GET', 'requests')).body as any[];
    expect(log.map((r) => [r.method, r.path, r.status])).toEqual([
      ['GET', '/api/labels.json', 429],
      ['GET', '/api/labels.json', 200],
    ]);
    expect(log[0].fault).toBe(queued.body.queued[0].id);
    expect(log[1].fault).toBeUndefined();
  });

  it('matches method and path, counts down, and leaves the admin path alone', async () => {
    await od.admin('POST', 'faults', [{ status: 503, count: 2, method: 'post', path: '^/api/labels' }]);
    expect((await od.call('GET', '/api/labels.json')).status).toBe(200);
    expect((await od.admin('GET', 'info')).status).toBe(200);
    expect((await od.call('POST', '/api/labels.json', { label: { label_title: 'a' } })).status).toBe(503);
    const second = await od.call('POST', '/api/labels.json', { label: { label_title: 'a' } });
    expect(second.status).toBe(503);
    expect(second.body).toEqual({ error: 'service_unavailable' });
    expect((await od.call('POST', '/api/labels.json', { label: { label_title: 'a' } })).status).toBe(201);
    // The failed creates did nothing.
    expect((await od.call('GET', '/api/labels.json')).body.total_count).toBe(1);
  });

  it('a delay-only fault still does the work (the reply is just late); DELETE clears the queue', async () => {
    await od.admin('POST', 'faults', { delayMs: 150, method: 'POST' });
    const slow = await od.call('POST', '/api/labels.json', { label: { label_title: 'slow' } });
    expect(slow.status).toBe(201);
    const log = (await od.admin('GET', 'requests')).body as any[];
    expect(log.at(-1).fault).toBeDefined();
    await od.admin('POST', 'faults', { status: 500, count: 3 });
    expect((await od.admin('GET', 'faults')).body).toHaveLength(1);
    expect((await od.admin('DELETE', 'faults')).body).toEqual({ cleared: 1 });
    expect((await od.call('GET', '/api/labels.json')).status).toBe(200);
  });

  it('refuses invalid fault specs naming the field', async () => {
    const bad = await od.admin('POST', 'faults', { status: 418 });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/^status/);
    expect((await od.admin('POST', 'faults', { count: 2 })).status).toBe(400);
    expect((await od.admin('POST', 'faults', { status: 500, path: '(' })).body.message).toMatch(/^path/);
    expect((await od.admin('POST', 'faults', 'nope')).status).toBe(400);
  });
});
