/**
 * The check model of `omnibot verify`. A recipe contributes `CheckDef`s; the runner executes
 * them in order, skips those whose prerequisites failed, and the reporters turn the results
 * into text, JSON, JUnit XML or GitHub annotations. A failing check carries everything a
 * person needs to fix it: what is wrong, the probable cause, and the manual step to revisit.
 */

/**
 * `warn`: the check ran and found something unproven that does not break the setup by itself
 * (a manual step nobody confirmed). It passes unless `verify --strict` makes it a failure.
 */
export type CheckStatus = 'pass' | 'warn' | 'fail' | 'skip';

/** A manual step of `omnibot steps`, as the failure hint names it. */
export interface StepRef {
  /** The resource id, e.g. `incoming-rule`. */
  id: string;
  /** The number `omnibot steps` shows for it (1-based), when known. */
  number?: number;
  title: string;
}

/** What a check's `run` returns; the runner adds id, title and timing. */
export interface CheckOutcome {
  status: CheckStatus;
  /** One line: what was found (pass), what is wrong (fail) or why it did not run (skip). */
  message?: string;
  /** Failure only: the probable cause. */
  cause?: string;
  /** Failure only: the manual step of `omnibot steps` to revisit. */
  step?: StepRef;
  /** Failure only: what to do, when it is not "revisit the step". */
  hint?: string;
  /** Machine-readable facts (never secrets). */
  details?: Record<string, unknown>;
  /** Why a check failed in a way that decides the exit code: `auth` → 3, `config` → 2. */
  errorKind?: 'auth' | 'config';
}

export interface CheckResult extends CheckOutcome {
  /** Stable id: `config`, `omnidesk.credentials`, `<integration>/label`, `<integration>/e2e-reply`. */
  id: string;
  title: string;
  durationMs: number;
  /** The integration the check belongs to, if any. */
  integration?: string;
}

export interface CheckDef<C = unknown> {
  id: string;
  title: string;
  integration?: string;
  /** Check ids that must pass first; when one did not pass, this one is skipped. */
  needs?: string[];
  /** Part of the round trip: runs only with `--e2e` (or when `--only` names it). */
  e2e?: boolean;
  /** Runs even when its `needs` failed (clean-up). */
  always?: boolean;
  run(cx: C): Promise<CheckOutcome>;
}

export function pass(message?: string, details?: Record<string, unknown>): CheckOutcome {
  return { status: 'pass', message, details };
}

export function skip(message: string): CheckOutcome {
  return { status: 'skip', message };
}

export function warn(message: string, more: Omit<CheckOutcome, 'status' | 'message'> = {}): CheckOutcome {
  return { status: 'warn', message, ...more };
}

export function fail(message: string, more: Omit<CheckOutcome, 'status' | 'message'> = {}): CheckOutcome {
  return { status: 'fail', message, ...more };
}

export interface Summary {
  total: number;
  passed: number;
  failed: number;
  skipped: number;
  /** Checks that passed with a warning (also counted in `passed`). */
  warned: number;
}

export function summarize(results: CheckResult[]): Summary {
  const count = (s: CheckStatus) => results.filter((r) => r.status === s).length;
  const warned = count('warn');
  return {
    total: results.length,
    passed: count('pass') + warned,
    failed: count('fail'),
    skipped: count('skip'),
    warned,
  };
}

/** `check step 2, «Правило для входящих обращений»` — the words every failure hint uses. */
export function stepText(step: StepRef): string {
  return `${step.number ? `step ${step.number}` : `step "${step.id}"`}, «${step.title}»`;
}
