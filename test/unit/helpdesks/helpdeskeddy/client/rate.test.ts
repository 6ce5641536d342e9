import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../../../../src/core/errors.js';
import {
  clearRememberedBans,
  createHelpdeskeddyClient,
} from '../../../../../src/helpdesks/helpdeskeddy/client/http.js';
import { clearSecrets } from '../../../../../src/core/io/secrets.js';
import {
  admin,
  API_KEY,
  basic,
  EMAIL,
  fakeClock,
  startSandbox,
  type HdeSandbox,
} from '../../../../helpers/sandbox-hde.js';

type Logged = { method: string; path: string; status: number; at: string };

describe('HelpDeskEddy rate limit and ban', () => {
  let sandbox: HdeSandbox | undefined;
  afterEach(async () => {
    await sandbox?.close();
    sandbox = undefined;
    clearRememberedBans();
    clearSecrets();
  });

  it('reports a ban with its length, never retries it, and refuses further calls locally', async () => {
    sandbox = await startSandbox({ rateLimit: 10 });
    // Another integration of the account spends the whole minute.
    for (let i = 0; i < 10; i++) {
      const res = await fetch(`${sandbox.url}/api/v2/departments/`, { headers: { authorization: basic() } });
      expect(res.status).toBe(200);
      await res.arrayBuffer();
    }
    const api = createHelpdeskeddyClient({
      url: sandbox.url,
      email: EMAIL,
      apiKey: API_KEY,
      sleep: async () => undefined,
    });
    const err = (await api.listTickets().catch((e: unknown) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.code).toBe('hde_banned');
    expect(err.exitCode).toBe(1);
    expect(err.details).toMatchObject({ banMinutes: 20 });
    expect(err.message).toContain('20 min');
    expect(err.hint).toMatch(/shared by every integration/);

    // Every later call, by this client or a new one for the same account, stays in the process.
    await expect(api.listDepartments()).rejects.toMatchObject({ code: 'hde_banned' });
    await expect(api.createTicket({ title: 't', description: 'd' })).rejects.toMatchObject({ code: 'hde_banned' });
    const again = createHelpdeskeddyClient({ url: sandbox.url, email: EMAIL, apiKey: API_KEY });
    await expect(again.getTicket('1')).rejects.toMatchObject({ code: 'hde_banned', details: { refusedLocally: true } });

    const log = (await admin(sandbox.url, 'GET', '/requests')).json as Logged[];
    const firstBanned = log.findIndex((r) => r.status === 401);
    expect(firstBanned).toBe(10);
    expect(log.length - firstBanned).toBe(1);
  });

  it('reads a ban set by the admin path with its own length', async () => {
    sandbox = await startSandbox();
    await admin(sandbox.url, 'POST', '/ban', { minutes: 7 });
    const api = createHelpdeskeddyClient({ url: sandbox.url, email: EMAIL, apiKey: API_KEY });
    await expect(api.listDepartments()).rejects.toMatchObject({ code: 'hde_banned', details: { banMinutes: 7 } });
    await admin(sandbox.url, 'DELETE', '/ban');
    const res = await fetch(`${sandbox.url}/api/v2/departments`, { headers: { authorization: basic() } });
    expect(res.status).toBe(200);
  });

  it('holds a run of 400 calls under the configured rate, so a 300/min account never bans it', async () => {
    const clock = fakeClock();
    sandbox = await startSandbox({ rateLimit: 300, now: clock.date });
    const api = createHelpdeskeddyClient({
      url: sandbox.url,
      email: EMAIL,
      apiKey: API_KEY,
      rateLimitPerMinute: 250,
      now: clock.now,
      sleep: clock.sleep,
    });
    for (let i = 0; i < 400; i++) await api.listDepartments();
    const log = (await admin(sandbox.url, 'GET', '/requests')).json as Logged[];
    expect(log).toHaveLength(400);
    expect(log.every((r) => r.status === 200)).toBe(true);
    const times = log.map((r) => Date.parse(r.at));
    let busiest = 0;
    for (let i = 0; i < times.length; i++)
      busiest = Math.max(busiest, times.filter((t) => t >= times[i]! && t < times[i]! + 60_000).length);
    expect(busiest).toBeLessThanOrEqual(250);
    expect(busiest).toBeGreaterThan(200);
  });

  it('slows down when X-Rate-Limit-Remaining runs low and rides out the window without a ban', async () => {
    const clock = fakeClock();
    sandbox = await startSandbox({ rateLimit: 300, now: clock.date });
    for (let i = 0; i < 280; i++) {
      const res = await fetch(`${sandbox.url}/api/v2/statuses`, { headers: { authorization: basic() } });
      await res.arrayBuffer();
    }
    const api = createHelpdeskeddyClient({
      url: sandbox.url,
      email: EMAIL,
      apiKey: API_KEY,
      now: clock.now,
      sleep: clock.sleep,
    });
    const start = clock.now();
    for (let i = 0; i < 40; i++) await api.listDepartments();
    const log = (await admin(sandbox.url, 'GET', '/requests')).json as Logged[];
    expect(log.filter((r) => r.status !== 200)).toEqual([]);
    // 40 calls with 20 left in the minute: the client had to wait for the window to roll over.
    expect(clock.now() - start).toBeGreaterThanOrEqual(60_000);
    const clientTimes = log.slice(280).map((r) => Date.parse(r.at));
    // While few calls were left, each one waited for its share of the rest of the window.
    const lowPhase = clientTimes.slice(0, 19);
    expect(lowPhase.every((t, i) => i === 0 || t > lowPhase[i - 1]!)).toBe(true);
  });
});
