/**
 * The rate budget and the ban are per account, not per process: clients that share nothing but
 * the ledger folder (as separate omnibot processes on one machine do) must share both.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../../../src/core/errors.js';
import { AccountLedger } from '../../../../src/core/http/account-ledger.js';
import { clearSecrets } from '../../../../src/core/io/secrets.js';
import { clearRememberedBans, createHelpdeskeddyClient } from '../../../../src/helpdesks/helpdeskeddy/client/http.js';
import { API_KEY, EMAIL, startSandbox, type HdeSandbox } from '../../../helpers/sandbox-hde.js';
import { tempDir } from '../../../helpers/temp-dir.js';

let sandbox: HdeSandbox | undefined;
let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir('omnibot-ledger-'));
});
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
  clearRememberedBans();
  clearSecrets();
  await cleanup();
});

/** A clock that only moves when a client sleeps, so waiting out a minute takes no time. */
function sharedClock() {
  let t = Date.parse('2026-12-03T10:00:00Z');
  const waits: number[] = [];
  return {
    now: () => t,
    sleep: async (ms: number) => {
      waits.push(ms);
      t += ms;
    },
    waits,
  };
}

async function requestCount(): Promise<number> {
  const res = await fetch(`${sandbox!.url}/_sandbox/requests`);
  return ((await res.json()) as Array<{ path: string }>).filter((r) => r.path.startsWith('/api/')).length;
}

describe('account ledger', () => {
  it(
    'unit: grants perMinute calls per sliding minute ' + 'across ledger instances, then says how long to wait',
    async () => {
      let t = 1_000_000;
      const a = new AccountLedger({ dir, account: 'https://acme.helpdeskeddy.com', now: () => t });
      const b = new AccountLedger({ dir, account: 'https://acme.helpdeskeddy.com', now: () => t });
      const other = new AccountLedger({ dir, account: 'https://other.helpdeskeddy.com', now: () => t });
      expect(await a.reserve(3)).toBe(0);
      t += 10_000;
      expect(await b.reserve(3)).toBe(0);
      expect(await a.reserve(3)).toBe(0);
      expect(await b.reserve(3)).toBe(50_000);
      expect(await other.reserve(3)).toBe(0);
      t += 50_000;
      expect(await b.reserve(3)).toBe(0);
    },
  );

  it('six clients of one account with a budget of five: exactly one waits for the window', async () => {
    sandbox = await startSandbox({ rateLimit: 300 });
    const clock = sharedClock();
    const clients = Array.from({ length: 6 }, () =>
      createHelpdeskeddyClient({
        url: sandbox!.url,
        email: EMAIL,
        apiKey: API_KEY,
        rateLimitPerMinute: 5,
        ledgerDir: dir,
        ...clock,
      }),
    );
    await Promise.all(clients.map((c) => c.listDepartments()));
    expect(await requestCount()).toBe(6);
    expect(clock.waits.filter((w) => w > 0)).toHaveLength(1);
    expect(clock.waits[0]).toBeGreaterThan(50_000);
  });

  it(
    'a ban seen by one client stops every other client ' + 'of the account without a request, until --ignore-ban',
    async () => {
      sandbox = await startSandbox({});
      await fetch(`${sandbox.url}/_sandbox/ban`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"minutes":20}',
      });
      const first = createHelpdeskeddyClient({ url: sandbox.url, email: EMAIL, apiKey: API_KEY, ledgerDir: dir });
      await expect(first.listDepartments()).rejects.toMatchObject({ code: 'hde_banned' });
      // A later process: no memory of the ban but the ledger's. The helpdesk has even lifted it.
      clearRememberedBans();
      await fetch(`${sandbox.url}/_sandbox/ban`, { method: 'DELETE' });
      const before = await requestCount();
      const second = createHelpdeskeddyClient({ url: sandbox.url, email: EMAIL, apiKey: API_KEY, ledgerDir: dir });
      const err = (await second.listDepartments().catch((e: unknown) => e)) as ApiError;
      expect(err).toBeInstanceOf(ApiError);
      expect(err.exitCode).toBe(1);
      expect(err.message).toMatch(/banned until \S+ \(about (19|20) min left\)/);
      expect(err.hint).toContain('--ignore-ban');
      expect(await requestCount()).toBe(before);
      const forced = createHelpdeskeddyClient({
        url: sandbox.url,
        email: EMAIL,
        apiKey: API_KEY,
        ledgerDir: dir,
        ignoreBan: true,
      });
      await expect(forced.listDepartments()).resolves.toBeDefined();
    },
  );

  it('retries a POST after 429, since the helpdesk processed nothing', async () => {
    sandbox = await startSandbox({});
    await fetch(`${sandbox.url}/_sandbox/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ status: 429, count: 1, method: 'POST', path: '/tickets$' }),
    });
    const api = createHelpdeskeddyClient({
      url: sandbox.url,
      email: EMAIL,
      apiKey: API_KEY,
      sleep: async () => undefined,
    });
    const created = await api.createTicket({ title: 'after 429', description: 'd' });
    expect(created).toMatchObject({ title: 'after 429' });
    const log = (await (await fetch(`${sandbox.url}/_sandbox/requests`)).json()) as Array<{
      method: string;
      status: number;
    }>;
    expect(log.filter((r) => r.method === 'POST').map((r) => r.status)).toEqual([429, 200]);
  });
});
