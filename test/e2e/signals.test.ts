/**
 * What only a real process shows: bin/omnibot.js turns SIGTERM/SIGINT into an aborted signal
 * (long-running commands end with 0 and their summary), and a listener killed outright leaves a
 * capture file that replay still reads.
 */
import { appendFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { killSpawned, runCli, spawnStart, startCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

let dir: string;
let cleanup: () => Promise<void>;
const agent = new Agent({ connections: 32 });
beforeAll(async () => ({ dir, cleanup } = await tempDir('omnibot-signals-')));
afterEach(() => killSpawned());
afterAll(async () => {
  await agent.close();
  await cleanup();
});

const JSON_TYPE = { 'content-type': 'application/json' };

async function post(url: string, body: string, headers: Record<string, string> = JSON_TYPE) {
  const res = await request(url, { method: 'POST', headers, body, dispatcher: agent });
  await res.body.dump();
  return res.statusCode;
}

describe('signals (built CLI)', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('listen: %s ends it with its summary and exit 0', async (signal) => {
    const l = spawnStart(['listen', '--port', '0']);
    const { url } = await l.ready();
    expect(await post(`${url}omnidesk`, '{"case_id":"1","case_description":"<p>hi</p>","user_id":"2"}')).toBe(200);
    const done = await l.kill(signal);
    expect(done.exitCode).toBe(0);
    expect(done.stdout).toMatch(/POST \/omnidesk 200 omnidesk\.incoming/);
    expect(done.stderr).toMatch(/listen: 1 request/);
  });

  it('sandbox: serves after its one ready line and exits 0 on SIGTERM', async () => {
    const s = spawnStart(['sandbox', '--port', '0']);
    const urls = await s.ready();
    const res = await fetch(`${urls.omnidesk}/api/labels.json`, {
      headers: { authorization: `Basic ${Buffer.from('admin@sandbox.test:sandbox-api-key').toString('base64')}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-omnibot-sandbox')).toBe('omnidesk');
    const done = await s.kill('SIGTERM');
    expect(done.exitCode).toBe(0);
    expect(done.stdout).toBe('');
    expect(done.stderr.match(/^ready /gm)).toHaveLength(1);
  });

  it('a listener killed with SIGKILL mid-load leaves a file replay reads, skipping only a torn last line', async () => {
    const file = join(dir, 'killed.ndjson');
    const l = spawnStart(['listen', '--port', '0', '--capture', file]);
    const { url } = await l.ready();
    let answered = 0;
    let enough!: () => void;
    const reached = new Promise<void>((resolve) => (enough = resolve));
    let stop = false;
    const load = Promise.all(
      Array.from({ length: 20 }, async (_, w) => {
        for (let i = 0; !stop; i++) {
          try {
            await post(url!, JSON.stringify({ w, i, text: 'Привет 😀'.repeat(40) }));
          } catch {
            return;
          }
          answered += 1;
          if (answered === 600) enough();
        }
      }),
    );
    await reached;
    await l.kill('SIGKILL');
    stop = true;
    await load;

    const text = await readFile(file, 'utf8');
    const all = text.split('\n');
    const complete = all.slice(0, -1);
    // Every answered request was on disk before its answer.
    expect(complete.length).toBeGreaterThanOrEqual(answered);
    // Make sure the torn-line path is exercised even if the kill landed between two lines.
    if (all[all.length - 1] === '') await appendFile(file, complete[0]!.slice(0, 50));
    const lineCount = complete.length + 1;

    // The replay and its sink need no process of their own.
    const sink = startCli(['listen', '--port', '0']);
    const r = await runCli(['replay', file, '--to', (await sink.ready()).url!, '--concurrency', '8']);
    await sink.stop();
    expect(r.exitCode, r.stderr).toBe(0);
    const warnings = r.stderr.split('\n').filter((x) => x.startsWith('warning:'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`line ${lineCount}: not valid JSON`);
    expect(r.stderr).toContain(`sent ${complete.length} · 2xx ${complete.length} · failed 0`);
  });
});
