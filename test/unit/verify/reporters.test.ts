import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../../src/verify/check.js';
import { buildReport } from '../../../src/verify/report.js';
import { renderGithubAnnotations } from '../../../src/verify/reporters/github.js';
import { renderHuman } from '../../../src/verify/reporters/human.js';
import { renderJunit } from '../../../src/verify/reporters/junit.js';
import { parseJunit } from '../../helpers/junit-parser.js';

const checks: CheckResult[] = [
  { id: 'config', title: 'Config is valid', status: 'pass', durationMs: 3 },
  {
    id: 'bot/e2e-rule',
    integration: 'bot',
    title: 'The incoming rule fired',
    status: 'fail',
    durationMs: 60_000,
    message: 'the incoming rule did not add the label «bot» within 60 s',
    cause: 'the rule has no «Добавить метку» action <or> "a different" label & co',
    step: { id: 'incoming-rule', number: 2, title: 'Incoming-case rule' },
  },
  {
    id: 'bot/e2e-reply',
    integration: 'bot',
    title: 'The bot replied',
    status: 'skip',
    durationMs: 0,
    message: 'skipped: "bot/e2e-rule" did not pass',
  },
];
const report = buildReport({
  runId: 'r1',
  e2e: true,
  startedAt: new Date('2025-06-02T10:00:00.123Z'),
  durationMs: 61_000,
  checks,
  timeline: [],
});

describe('reporters', () => {
  it('the report counts and decides ok', () => {
    expect(report.ok).toBe(false);
    expect(report.summary).toEqual({ total: 3, passed: 1, failed: 1, skipped: 1, warned: 0 });
  });

  it('JUnit XML parses, with one testcase per check and the failure text escaped', () => {
    const xml = renderJunit(report);
    const parsed = parseJunit(xml);
    expect(parsed.tests).toBe(3);
    expect(parsed.failures).toBe(1);
    expect(parsed.skipped).toBe(1);
    expect(parsed.testcases).toHaveLength(3);
    const failed = parsed.testcases.find((t) => t.failure)!;
    expect(failed.name).toContain('bot/e2e-rule');
    expect(failed.failure!.message).toContain('within 60 s');
    expect(failed.failure!.body).toContain('<or> "a different" label & co');
    expect(failed.failure!.body).toContain('step 2, «Incoming-case rule»');
  });

  it('human text names the step to revisit', () => {
    const text = renderHuman(report, new Chalk({ level: 0 })).join('\n');
    expect(text).toMatch(/✗ bot\/e2e-rule/);
    expect(text).toContain('revisit: step 2, «Incoming-case rule» (omnibot steps)');
    expect(text).toContain('verify failed: 1 passed, 1 failed, 1 skipped');
  });

  it('GitHub annotations: one ::error:: per failure, one line each', () => {
    const lines = renderGithubAnnotations(report);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^::error title=omnibot verify%3A bot\/e2e-rule::the incoming rule/);
    expect(lines[0]).not.toContain('\n');
    expect(lines[0]).toContain('%0AProbable cause');
  });
});

describe('a warning (a manual step never confirmed) in every reporter', () => {
  const warned = buildReport({
    runId: 'r2',
    e2e: false,
    startedAt: new Date('2025-06-02T10:00:00.123Z'),
    durationMs: 10,
    checks: [
      { id: 'config', title: 'Config is valid', status: 'pass', durationMs: 1 },
      {
        id: 'bot/manual-steps',
        integration: 'bot',
        title: 'Manual steps: how each one stands',
        status: 'warn',
        durationMs: 1,
        message: 'not proven by this run: step 3 «Channels»: never confirmed',
        hint: 'To settle: confirm with `omnibot apply` at a terminal',
      },
    ],
    timeline: [],
  });

  it('counts as passed, so the run is ok, and is counted apart', () => {
    expect(warned.ok).toBe(true);
    expect(warned.summary).toEqual({ total: 2, passed: 2, failed: 0, skipped: 0, warned: 1 });
  });

  it('human: a ! line with the message and hint, and the count in the summary', () => {
    const text = renderHuman(warned, new Chalk({ level: 0 })).join('\n');
    expect(text).toMatch(/! bot\/manual-steps/);
    expect(text).toContain('step 3 «Channels»: never confirmed');
    expect(text).toContain('verify passed: 2 passed, 1 with warnings');
  });

  it('JUnit: a passing testcase whose output carries the warning', () => {
    const parsed = parseJunit(renderJunit(warned));
    expect(parsed.failures).toBe(0);
    expect(renderJunit(warned)).toMatch(/<system-out>WARNING: not proven by this run: step 3/);
  });

  it('GitHub: a ::warning:: annotation', () => {
    const lines = renderGithubAnnotations(warned);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^::warning title=omnibot verify%3A bot\/manual-steps::not proven/);
  });
});

describe('the test XML reader is strict enough to mean something', () => {
  it.each(['<a><b></a>', '<a>x & y</a>', '<a>x < y</a>', '<a>', '<a/><b/>', '<a>&nbsp;</a>'])(
    'rejects %j',
    async (xml) => {
      const { parseXml } = await import('../../helpers/junit-parser.js');
      expect(() => parseXml(xml)).toThrow();
    },
  );
});
