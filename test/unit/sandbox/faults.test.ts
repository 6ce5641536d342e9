import { describe, expect, it } from 'vitest';
import { useSandbox, useSandboxClient, waitFor } from '../../helpers/sandbox.js';

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

describe('a slow-answer fault and a client that stops waiting', () => {
  const sandbox = useSandbox({ onInternalError: (err) => internalErrors.push(err) });
  const internalErrors: unknown[] = [];
  const auth = { authorization: `Basic ${Buffer.from('admin@sandbox.test:sandbox-api-key').toString('base64')}` };

  it.each([
    ['omnidesk', '/api/labels.json'],
    ['helpdeskeddy', '/api/v2/tickets/'],
  ] as const)(
    '%s: the sandbox stops waiting when the client hangs up, logs the call, and reports no internal error',
    async (kind, path) => {
      const base = sandbox[kind].url;
      const admin = (method: string, what: string, body?: unknown) =>
        fetch(`${base}/_sandbox/${what}`, {
          method,
          headers: { 'content-type': 'application/json' },
          body: body === undefined ? undefined : JSON.stringify(body),
        }).then((r) => r.json() as Promise<any>);
      await admin('POST', 'reset');
      // Five minutes: the longest delay a fault takes, far past the test's own timeout.
      await admin('POST', 'faults', { delayMs: 300_000, method: 'GET' });
      const client = new AbortController();
      const call = fetch(`${base}${path}`, { headers: auth, signal: client.signal }).catch((err: Error) => err.name);
      await waitFor(async () => ((await admin('GET', 'faults')) as unknown[]).length === 0 || undefined);
      client.abort(); // the client's deadline
      expect(await call).toBe('AbortError');
      const [logged] = await waitFor(async () => {
        const log = (await admin('GET', 'requests')) as Array<{ path: string; fault?: number; clientGone?: boolean }>;
        return log.length ? log : undefined;
      });
      expect(logged).toMatchObject({ path, status: 200, clientGone: true });
      expect(logged!.fault).toBeDefined();
      expect(internalErrors).toEqual([]);
    },
  );
});
