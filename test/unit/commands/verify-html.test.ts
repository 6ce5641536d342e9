/**
 * `verify --reporter html` and `--html`: a round trip whose changed-case rule is missing gives a
 * page with the failed hop marked, the step to revisit, and no secret; html without a file is
 * exit 2 before any check runs.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { API_KEY } from '../../helpers/sandbox.js';
import { setup, type Fixture } from '../../helpers/verify-fixture.js';

let fx: Fixture | undefined;
afterEach(async () => {
  await fx?.close();
  fx = undefined;
});

/** Deletes the sandbox rule for new (`incoming`) or changed cases, as a person might by mistake. */
async function dropRule(f: Fixture, kind: 'incoming' | 'changed'): Promise<void> {
  const rules = await f.api.adminRequest<Array<{ rule_id: number; title: string; kind?: string; ruleKind?: string }>>(
    'GET',
    '/_sandbox/rules',
  );
  const title = kind === 'changed' ? /изменённые|changed/ : /входящие|incoming/;
  const rule = rules.find((x) => (x.ruleKind ?? x.kind) === kind || title.test(x.title));
  await f.api.adminRequest('DELETE', `/_sandbox/rules/${rule!.rule_id}`);
}

describe('verify --reporter html', () => {
  it('marks the failed hop of a broken round trip, names the step, and keeps secrets out', async () => {
    // The key also rides in the bot's URL, so the page's timeline (which names that URL) would carry it unredacted.
    fx = await setup({ webhookQuery: `?k=${API_KEY}` });
    await dropRule(fx, 'changed');
    const r = await fx.run([
      ...['verify', '--e2e', '--timeout', '2s', '--reporter', 'junit', '--output', 'junit.xml'],
      ...['--html', 'report.html'],
    ]);
    expect(r.exitCode).toBe(1);
    const html = await readFile(join(fx.dir, 'report.html'), 'utf8');
    expect(html).toContain('data-hop="failed"');
    expect(html).toMatch(/data-hop="failed">[^]*✗ hand-off to an agent: the request for an operator did not lead/);
    // Step titles speak the language of the steps: Russian unless --lang en.
    expect(html).toContain('«Правило для изменённых обращений»');
    expect(html).toContain('data-lane="Omnidesk"');
    expect(html).toContain('?k=***');
    expect(html).not.toContain(API_KEY);
    expect(await readFile(join(fx.dir, 'junit.xml'), 'utf8')).toContain('<testsuites');
    expect(r.stderr).toContain('verify: html report written to');
  });

  it('--reporter html --output: a missing incoming rule is the helpdesk → rule hop, drawn failed', async () => {
    fx = await setup();
    await dropRule(fx, 'incoming');
    const r = await fx.run([
      'verify',
      '--e2e',
      '--timeout',
      '1s',
      '--lang',
      'en',
      '--reporter',
      'html',
      '--output',
      'r.html',
    ]);
    expect(r.exitCode).toBe(1);
    const html = await readFile(join(fx.dir, 'r.html'), 'utf8');
    expect(html).toContain('data-from="Omnidesk" data-to="rule" data-hop="failed"');
    expect(html).toMatch(/data-hop="failed">[^]*✗ rule fires: the incoming rule did not add the label/);
    expect(html).toMatch(/<dt>revisit<\/dt><dd>step \d+, «Rule for incoming cases» \(omnibot steps\)<\/dd>/);
    expect(html).not.toContain(API_KEY);
    // stdout keeps the human summary; the page went to the file only.
    expect(r.stdout).toMatch(/✗ wikibot\/e2e-rule/);
    expect(r.stdout).not.toContain('<html');
  });

  it('--reporter html writes a file only: without --output it is exit 2 naming --output', async () => {
    fx = await setup({ apply: false });
    const r = await fx.run(['verify', '--reporter', 'html']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('error: --reporter html writes a file: add --output <file>.');
    const bad = await fx.run(['verify', '--html', '/nonexistent-dir/r.html']);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('--html');
  });
});
