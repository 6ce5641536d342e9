import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { execa } from 'execa';
import { BIN, runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

async function demoDirs(): Promise<string[]> {
  return (await readdir(tmpdir())).filter((n) => n.startsWith('omnibot-demo-'));
}

describe('omnibot demo', () => {
  it('runs the whole job offline, prints the timeline and a passing summary, exits 0 and leaves nothing behind', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const before = await demoDirs();
      const r = await runCli(['demo'], { cwd: dir });
      expect(r.exitCode).toBe(0);
      expect(r.stdout).toMatch(/✓ demo passed: (\d+) of \1 checks/);
      expect(r.stdout).toMatch(/✓ demo\/e2e-handoff/);
      for (const line of ['sandbox', 'apply', 'case #', 'rule fired', 'bot replied', 'handed off', 'moved to the trash']) expect(r.stderr).toContain(line);
      expect(r.stderr).not.toContain('sandbox-api-key');
      expect(await demoDirs()).toEqual(before);
    } finally {
      await cleanup();
    }
  });

  it('--json prints the apply result and the verify report as one document', async () => {
    const r = await runCli(['demo', '--json']);
    expect(r.exitCode).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.ok).toBe(true);
    expect(doc.apply.summary).toMatchObject({ created: 1, sandbox: 2, pending: 0 });
    expect(doc.verify.summary.failed).toBe(0);
    expect(doc.verify.timeline.map((e: { kind: string }) => e.kind)).toContain('hand-off');
  });

  it('--helpdesk helpdeskeddy plays the same job with the dispatcher rule', async () => {
    const r = await runCli(['demo', '--helpdesk', 'helpdeskeddy', '--json']);
    expect(r.exitCode).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.helpdesk).toBe('helpdeskeddy');
    expect(doc.verify.checks.filter((c: { status: string }) => c.status !== 'pass')).toEqual([]);
    expect(doc.verify.confirmed).toEqual(['demo/dispatcher-rule']);
  });

  it('--keep keeps the sandbox running for other commands until Ctrl-C, then cleans up and exits 0', async () => {
    const child = execa('node', [BIN, 'demo', '--keep'], { reject: false, env: { CI: 'true', FORCE_COLOR: '0', NO_COLOR: '1' } });
    let stderr = '';
    const file = await new Promise<string>((resolve, reject) => {
      child.stderr!.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        const m = /omnibot plan --config (\S+)/.exec(stderr);
        if (m && stderr.includes('Ctrl-C stops')) resolve(m[1]!);
      });
      child.once('exit', () => reject(new Error(`demo ended early: ${stderr}`)));
    });
    const plan = await runCli(['plan', '--config', file, '--json']);
    expect(plan.exitCode).toBe(0);
    expect(JSON.parse(plan.stdout).pending).toBe(false);
    child.kill('SIGINT');
    const result = await child;
    expect(result.exitCode).toBe(0);
    expect(String(result.stdout)).toContain('demo passed');
    expect(await demoDirs()).not.toContain(file.split('/').at(-2));
  });
});
