/**
 * Runs checks in order. A check whose prerequisites did not pass is skipped (saying which one),
 * a thrown error becomes a failure (auth and config errors keep their kind, for the exit code),
 * and `always` checks (clean-up) run whatever happened before them.
 */
import { AuthError, ConfigError, UsageError, isOmnibotError } from '../core/errors.js';
import type { CheckDef, CheckOutcome, CheckResult } from './check.js';

export interface RunChecksOptions {
  /** `--only` values: a full id, the part after `/`, an integration name, or `e2e`. */
  only?: string[];
  e2e?: boolean;
  signal?: AbortSignal;
  /** A check begins (after its prerequisites passed): a terminal shows it as it runs. */
  onStart?(def: CheckDef<never>): void;
  onResult?(result: CheckResult): void;
  clock?: () => number;
}

function matches(def: CheckDef<never>, sel: string): boolean {
  if (def.id === sel) return true;
  if (def.id.slice(def.id.lastIndexOf('/') + 1) === sel) return true;
  if (def.integration && def.integration === sel) return true;
  return sel === 'e2e' && Boolean(def.e2e);
}

/** The checks to run: the selected ones plus, transitively, what they need. */
export function selectChecks<C>(defs: CheckDef<C>[], only: string[] | undefined, e2e: boolean): CheckDef<C>[] {
  if (!only || only.length === 0) return defs.filter((d) => e2e || !d.e2e);
  const byId = new Map(defs.map((d) => [d.id, d]));
  const wanted = new Set<string>();
  for (const sel of only) {
    const hit = defs.filter((d) => matches(d as CheckDef<never>, sel));
    if (hit.length === 0) {
      throw new UsageError(`--only: no check "${sel}"`, {
        hint: `Known checks: ${defs.map((d) => d.id).join(', ')}.`,
        details: { flag: '--only' },
      });
    }
    for (const d of hit) wanted.add(d.id);
  }
  const visit = (id: string) => {
    for (const need of byId.get(id)?.needs ?? []) {
      if (!wanted.has(need)) {
        wanted.add(need);
        visit(need);
      }
    }
  };
  for (const id of [...wanted]) visit(id);
  // A selected round-trip check drags in the whole trip's clean-up.
  if (defs.some((d) => wanted.has(d.id) && d.e2e)) for (const d of defs) if (d.e2e && d.always) wanted.add(d.id);
  return defs.filter((d) => wanted.has(d.id));
}

function fromError(err: unknown): CheckOutcome {
  if (err instanceof AuthError) return { status: 'fail', message: err.message, hint: err.hint, errorKind: 'auth' };
  if (err instanceof ConfigError) return { status: 'fail', message: err.message, hint: err.hint, errorKind: 'config' };
  if (isOmnibotError(err)) return { status: 'fail', message: err.message, hint: err.hint };
  const e = err as Error;
  return { status: 'fail', message: `unexpected error: ${e?.message ?? String(err)}` };
}

export async function runChecks<C>(defs: CheckDef<C>[], cx: C, options: RunChecksOptions = {}): Promise<CheckResult[]> {
  const clock = options.clock ?? Date.now;
  const results: CheckResult[] = [];
  const status = new Map<string, CheckResult['status']>();
  for (const def of defs) {
    const started = clock();
    let outcome: CheckOutcome;
    const blocker = (def.needs ?? []).find(
      (id) => status.has(id) && status.get(id) !== 'pass' && status.get(id) !== 'warn',
    );
    if (options.signal?.aborted && !def.always) {
      outcome = { status: 'skip', message: 'cancelled' };
    } else if (blocker && !def.always) {
      outcome = { status: 'skip', message: `skipped: "${blocker}" did not pass` };
    } else {
      try {
        options.onStart?.(def);
        outcome = await def.run(cx);
      } catch (err) {
        outcome = fromError(err);
      }
    }
    const result: CheckResult = {
      id: def.id,
      title: def.title,
      ...(def.integration ? { integration: def.integration } : {}),
      ...outcome,
      durationMs: Math.max(0, clock() - started),
    };
    status.set(def.id, result.status);
    results.push(result);
    options.onResult?.(result);
  }
  return results;
}
