/**
 * The verify report: the one data structure every reporter renders, and what `--json` prints.
 */
import { summarize, type CheckResult, type Summary } from './check.js';
import type { TimelineEvent } from './timeline.js';

export interface VerifyReport {
  ok: boolean;
  /** Tags the round trip's test case (`[omnibot-e2e <runId>]`), so it can be found later. */
  runId: string;
  e2e: boolean;
  startedAt: string;
  durationMs: number;
  summary: Summary;
  checks: CheckResult[];
  timeline: TimelineEvent[];
  /** Manual steps proven by the round trip and marked confirmed in the state file. */
  confirmed: string[];
  /** Manual steps whose confirmation a failing round trip took back (`plan` shows them manual again). */
  revoked: string[];
}

export function buildReport(args: {
  runId: string;
  e2e: boolean;
  startedAt: Date;
  durationMs: number;
  checks: CheckResult[];
  timeline: TimelineEvent[];
  confirmed?: string[];
  revoked?: string[];
}): VerifyReport {
  const summary = summarize(args.checks);
  return {
    ok: summary.failed === 0,
    runId: args.runId,
    e2e: args.e2e,
    startedAt: args.startedAt.toISOString(),
    durationMs: args.durationMs,
    summary,
    checks: args.checks,
    timeline: args.timeline,
    confirmed: args.confirmed ?? [],
    revoked: args.revoked ?? [],
  };
}
