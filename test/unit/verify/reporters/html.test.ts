/**
 * The HTML report from hand-made reports: a HelpDeskEddy round trip whose loop guard failed, an
 * Omnidesk one that passed end to end, one whose incoming rule never fired (e2e-rule failed, so
 * the helpdesk → rule hop is drawn failed), and fifteen checks that must stay a small file.
 * Escaping, lanes, the failed hop, no outside resource.
 */
import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../../../src/verify/reporters/html.js';
import { buildReport } from '../../../../src/verify/report.js';
import type { CheckResult } from '../../../../src/verify/check.js';
import type { TimelineEvent, TimelineKind } from '../../../../src/verify/timeline.js';

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

const T0 = Date.parse('2026-12-04T10:00:00Z');
const event = (elapsedMs: number, kind: TimelineKind, text: string): TimelineEvent => ({
  elapsedMs,
  at: new Date(T0 + elapsedMs).toISOString(),
  kind,
  text,
  caseId: 7,
});
const pass = (id: string, title: string): CheckResult => ({ id, title, status: 'pass', durationMs: 20 });

const setupChecks = [pass('config', 'Config'), pass('wikibot/credentials', 'API key accepted')];
const trip = ['case', 'rule', 'reply', 'handoff', 'cleanup'].map((s) => pass(`wikibot/e2e-${s}`, `round trip: ${s}`));

const passing = buildReport({
  runId: 'run-ok',
  e2e: true,
  startedAt: new Date(T0),
  durationMs: 4321,
  checks: [...setupChecks, ...trip],
  timeline: [
    event(12, 'case-created', 'case 7 created'),
    event(240, 'label-added', 'label «wikibot» added'),
    event(241, 'rule-fired', 'rule fired: incoming'),
    event(380, 'webhook-delivered', 'webhook delivered (case-created): 200 in 35 ms'),
    event(900, 'bot-replied', 'the bot replied'),
    event(1500, 'user-replied', 'user replied: «operator»'),
    event(2100, 'assigned', 'assigned to Anna (staff #3)'),
    event(2101, 'hand-off', 'handed off to Anna'),
    event(2600, 'cleaned-up', 'case 7 moved to the trash'),
  ],
});

const ruleFailed: CheckResult = {
  id: 'wikibot/e2e-rule',
  title: 'The incoming rule labels the case',
  integration: 'wikibot',
  status: 'fail',
  durationMs: 1000,
  message: 'the incoming rule did not add the label «wikibot» within 1 s <b>&</b>',
  cause: 'the rule "Входящие" is off or was deleted',
  hint: 'Turn the rule on & run `omnibot verify --e2e` again',
  step: { id: 'incoming-rule', number: 3, title: 'Rule for incoming cases' },
};
const failing = buildReport({
  runId: 'run-bad',
  e2e: true,
  startedAt: new Date(T0),
  durationMs: 1500,
  checks: [
    ...setupChecks,
    trip[0]!,
    ruleFailed,
    { id: 'wikibot/e2e-reply', title: 'bot replies', status: 'skip', durationMs: 0, message: 'needs e2e-rule' },
    trip[4]!,
  ],
  timeline: [event(12, 'case-created', 'case 7 created'), event(1400, 'cleaned-up', 'case 7 moved to the trash')],
});

describe('renderHtml: an Omnidesk round trip', () => {
  it('draws a passing round trip on the helpdesk, rule and bot lanes with no failed hop', () => {
    const html = renderHtml(passing);
    for (const lane of ['Omnidesk', 'rule', 'bot']) expect(html).toContain(`data-lane="${lane}"`);
    expect(html).not.toContain('data-hop="failed"');
    expect(html.match(/data-hop="ok"/g)).toHaveLength(9);
    expect(html).toContain('data-from="rule" data-to="bot" data-hop="ok"');
    // Each arrow carries the time since the event before it: 380 − 241.
    expect(html).toContain('+139 ms');
    expect(html).toMatch(/class="verdict" data-ok="true">.*verify passed/);
    expect(html).toContain('<span class="pass" data-count="pass">7 passed</span>');
    expect(html).toContain('<span class="muted" data-count="fail">0 failed</span>');
    expect(html).toContain('run run-ok');
  });

  it('marks the missing helpdesk → rule hop failed, before the clean-up, with the failing message', () => {
    const html = renderHtml(failing);
    expect(html.match(/data-hop="failed"/g)).toHaveLength(1);
    const hops = [...html.matchAll(/data-from="(\w+)" data-to="(\w+)" data-hop="(\w+)"/g)].map((m) => m.slice(1));
    expect(hops).toEqual([
      ['Omnidesk', 'Omnidesk', 'ok'],
      ['Omnidesk', 'rule', 'failed'],
      ['Omnidesk', 'Omnidesk', 'ok'],
    ]);
    expect(html).toMatch(/data-hop="failed">[^]*✗ rule fires: the incoming rule did not add the label «wikibot»/);
    expect(html).toMatch(/class="verdict" data-ok="false">.*verify failed/);
  });

  it('lists cause, hint and the step to revisit, every string escaped', () => {
    const html = renderHtml(failing);
    expect(html).toContain('<dt>revisit</dt><dd>step 3, «Rule for incoming cases» (omnibot steps)</dd>');
    expect(html).toContain('<dt>hint</dt><dd>Turn the rule on &amp; run `omnibot verify --e2e` again</dd>');
    expect(html).toContain('the rule &quot;Входящие&quot; is off or was deleted');
    expect(html).toContain('within 1 s &lt;b&gt;&amp;&lt;/b&gt;');
    expect(html).not.toContain('<b>&</b>');
  });

  it('keeps fifteen checks under 60 KB, with no outside resource', () => {
    const many = Array.from({ length: 10 }, (_, i) => ({
      ...ruleFailed,
      id: `wikibot/check-${i}`,
      message: `check ${i} failed: ${'x'.repeat(300)}`,
    }));
    const html = renderHtml({ ...passing, ok: false, checks: [...passing.checks, ...many].slice(0, 15) });
    expect(html.match(/class="check /g)).toHaveLength(15);
    expect(Buffer.byteLength(html)).toBeLessThan(60 * 1024);
    expect(html).not.toMatch(/https?:\/\/|<link|<script|<img|url\((?!#)/);
  });
});
