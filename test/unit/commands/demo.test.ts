import { readdir } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli, startCli } from '../../helpers/run-cli.js';
import { tempDir } from '../../helpers/temp-dir.js';

// The demo's temporary project goes under TMPDIR: a folder of this test's own, checked empty after.
let tmp: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir: tmp, cleanup } = await tempDir('omnibot-demo-test-')));
afterEach(() => cleanup());

describe('omnibot demo', () => {
  it(
    'runs the whole job offline, prints the timeline and ' + 'a passing summary, exits 0 and leaves nothing behind',
    async () => {
      const { dir, cleanup } = await tempDir();
      try {
        const r = await runCli(['demo'], { cwd: dir, env: { TMPDIR: tmp } });
        expect(r.exitCode).toBe(0);
        expect(r.stdout).toMatch(/✓ demo passed: (\d+) of \1 checks/);
        expect(r.stdout).toMatch(/✓ demo\/e2e-handoff/);
        for (const line of [
          'sandbox',
          'apply',
          'case #',
          'rule fired',
          'bot replied',
          'handed off',
          'moved to the trash',
        ])
          expect(r.stderr).toContain(line);
        expect(r.stderr).not.toContain('sandbox-api-key');
        expect(await readdir(tmp)).toEqual([]);
      } finally {
        await cleanup();
      }
    },
  );

  it('--json prints the apply result and the verify report as one document', async () => {
    const r = await runCli(['demo', '--json'], { env: { TMPDIR: tmp } });
    expect(r.exitCode).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.ok).toBe(true);
    expect(doc.apply.summary).toMatchObject({ created: 1, sandbox: 2, pending: 0 });
    expect(doc.verify.summary.failed).toBe(0);
    expect(doc.verify.timeline.map((e: { kind: string }) => e.kind)).toContain('hand-off');
  });

  it('--helpdesk helpdeskeddy plays the same job with the dispatcher rule', async () => {
    const r = await runCli(['demo', '--helpdesk', 'helpdeskeddy', '--json'], { env: { TMPDIR: tmp } });
    expect(r.exitCode).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.helpdesk).toBe('helpdeskeddy');
    expect(doc.verify.checks.filter((c: { status: string }) => c.status !== 'pass')).toEqual([]);
    expect(doc.verify.confirmed).toEqual(['demo/dispatcher-rule']);
  });

  it('--keep keeps the sandbox running for other commands until stopped, then cleans up and returns 0', async () => {
    const demo = startCli(['demo', '--keep'], { env: { TMPDIR: tmp } });
    await demo.until(
      (_out, err) => err.includes('Ctrl-C stops') && /omnibot plan --config \S+/.test(err),
      'the kept sandbox',
    );
    const file = /omnibot plan --config (\S+)/.exec(demo.stderr())![1]!;
    expect(file.startsWith(tmp)).toBe(true);
    const plan = await runCli(['plan', '--config', file, '--json']);
    expect(plan.exitCode).toBe(0);
    expect(JSON.parse(plan.stdout).pending).toBe(false);
    const result = await demo.stop();
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('demo passed');
    expect(await readdir(tmp)).toEqual([]);
  });
});
