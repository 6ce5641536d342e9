/** The HTML report from a hand-made report: escaping, the failed hop, lanes, no outside resource. */
import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../../../src/verify/reporters/html.js';
import { buildReport } from '../../../../src/verify/report.js';
import type { CheckResult } from '../../../../src/verify/check.js';

const checks: CheckResult[] = [
  { id: 'config', title: 'config', status: 'pass', durationMs: 3 },
  { id: 'hde/e2e-ticket', title: 'A test ticket', status: 'pass', durationMs: 50, integration: 'hde' },
  {
    id: 'hde/e2e-loop-guard',
    title: 'No webhook for the bot’s own post',
    status: 'fail',
    durationMs: 900,
    integration: 'hde',
    message: 'the bot answered itself <script>alert(1)</script>',
    cause: 'the dispatcher rule lacks «Группа автора последнего ответа»',
    hint: 'Add the condition & run again',
    step: { id: 'dispatcher-rule', number: 4, title: 'Dispatcher rule with the webhook' },
  },
];

const report = buildReport({
  runId: 'r1',
  e2e: true,
  startedAt: new Date('2026-12-04T10:00:00Z'),
  durationMs: 1234,
  checks,
  timeline: [
    { elapsedMs: 10, at: '2026-12-04T10:00:00.010Z', kind: 'case-created', text: 'ticket 42 created' },
    { elapsedMs: 300, at: '2026-12-04T10:00:00.300Z', kind: 'webhook-delivered', text: 'webhook to the bot' },
    { elapsedMs: 700, at: '2026-12-04T10:00:00.700Z', kind: 'bot-replied', text: 'the bot replied' },
  ],
});

describe('renderHtml', () => {
  const html = renderHtml(report);

  it('draws the lanes of a HelpDeskEddy round trip and marks the failed hop with its message', () => {
    for (const lane of ['HelpDeskEddy', 'dispatcher', 'bot']) expect(html).toContain(`data-lane="${lane}"`);
    expect(html.match(/data-hop="ok"/g)).toHaveLength(3);
    expect(html).toMatch(/data-hop="failed">[\s\S]*no webhook for the bot’s own post: the bot answered itself/);
    expect(html).toContain('+290 ms');
  });

  it('escapes what checks say, and lists cause, hint and the step to revisit', () => {
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Add the condition &amp; run again');
    expect(html).toContain('step 4, «Dispatcher rule with the webhook» (omnibot steps)');
  });

  it('needs nothing from elsewhere and stays small', () => {
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/<script|<link|<img/);
    expect(Buffer.byteLength(html)).toBeLessThan(60 * 1024);
  });

  it('says when no round trip ran', () => {
    const plain = renderHtml(
      buildReport({ ...report, e2e: false, checks: checks.slice(0, 1), timeline: [], startedAt: new Date() }),
    );
    expect(plain).toContain('No round trip ran');
    expect(plain).not.toContain('<svg');
  });
});
