import { beforeEach, describe, expect, it } from 'vitest';
import { useBotProject } from '../../helpers/project.js';
import { resetSandbox, useSandbox } from '../../helpers/sandbox.js';

const sandbox = useSandbox();
beforeEach(() => resetSandbox(sandbox));
const project = useBotProject(() => sandbox.omnidesk.url);

describe('omnibot plan (against a sandbox)', () => {
  it('prints a table of every resource with its status on stdout', async () => {
    const r = await project.run(['plan']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^INTEGRATION\s+RESOURCE\s+MODE\s+STATUS\s+DETAIL/);
    expect(r.stdout).toMatch(/wikibot\s+label\s+api\s+create\s+label "wikibot" does not exist yet/);
    expect(r.stdout).toMatch(/wikibot\s+agent\s+check\s+ok/);
    expect(r.stdout).toMatch(/wikibot\s+incoming-rule\s+manual\s+manual\s+by hand: step 3/);
    expect(r.stdout).toContain('3 ok · 1 to create · 2 manual · 0 unknown');
    expect(r.stderr).toContain('omnibot apply');
  });

  it('prints one JSON document with --json', async () => {
    const r = await project.run(['plan', '--json']);
    expect(r.exitCode, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as {
      resources: Array<{ resource: string; status: string }>;
      summary: unknown;
      pending: boolean;
    };
    expect(doc.pending).toBe(true);
    expect(doc.summary).toEqual({ ok: 3, create: 1, manual: 2, note: 0, unknown: 0 });
    expect(doc.resources.map((x) => x.resource)).toEqual([
      'api-key',
      'label',
      'agent',
      'incoming-rule',
      'changed-rule',
      'reply-as-note',
    ]);
  });

  it('--detailed-exitcode: 4 before apply, 0 after apply on the sandbox', async () => {
    const before = await project.run(['plan', '--detailed-exitcode']);
    expect(before.exitCode, before.stderr).toBe(4);
    const applied = await project.run(['apply', '--yes']);
    expect(applied.exitCode, applied.stderr).toBe(0);
    const after = await project.run(['plan', '--detailed-exitcode', '--json']);
    expect(after.exitCode, after.stderr).toBe(0);
    const doc = JSON.parse(after.stdout) as {
      pending: boolean;
      resources: Array<{ resource: string; status: string; confirmedBy?: string }>;
    };
    expect(doc.pending).toBe(false);
    expect(doc.resources.find((x) => x.resource === 'changed-rule')).toMatchObject({
      status: 'ok',
      confirmedBy: 'sandbox',
    });
  });

  it('shows an inactive agent as manual, with the fix', async () => {
    await fetch(`${sandbox.omnidesk.url}/_sandbox/staff/2`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"active":false}',
    });
    const r = await project.run(['plan', '--detailed-exitcode']);
    expect(r.exitCode, r.stderr).toBe(4);
    expect(r.stdout).toMatch(/agent\s+check\s+manual\s+staff member operator@sandbox\.test \(#2\) is inactive/);
  });
});
