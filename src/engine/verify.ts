/**
 * `omnibot verify` as data: loads the config (a broken config is the `config` check failing,
 * so CI still gets a report), assembles the checks every configured integration's recipe
 * contributes, runs them, records what a passing round trip proved, and returns the report
 * with the exit code the contract assigns. Printing is the caller's business.
 */
import { dirname } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { LoadedConfig } from '../config/load.js';
import { readState } from '../core/state.js';
import type { Context } from '../kit/context.js';
import { lazyClients, type ClientOverrides } from '../helpdesks/clients.js';
import { HELPDESK_KINDS } from '../helpdesks/registry.js';
import type { BoundRecipe, Registry } from '../kit/registry.js';
import { recordConfirmation, revokeConfirmation } from './confirmations.js';
import { manualStepsCheck } from './manual-steps-check.js';
import { CancelledError, ConfigError, EXIT } from '../core/errors.js';
import type { Resource } from '../model/resource.js';
import { describeResources, selectIntegrations, type StepEntry } from '../steps/collect.js';
import { fail, pass, type CheckDef, type CheckResult } from '../verify/check.js';
import {
  CONFIG_CHECK,
  CONFIG_TITLE,
  configCheck,
  credentialsCheck,
  credentialsCheckId,
} from '../verify/checks/account.js';
import type { IntegrationInput, RecipeChecks, VerifyContext } from '../verify/context.js';
import { buildReport, type VerifyReport } from '../verify/report.js';
import { runChecks, selectChecks } from '../verify/runner.js';
import type { Lang } from '../core/localized.js';
import type { Ticker } from '../core/io/ticker.js';
import { Timeline, type TimelineEvent } from '../verify/timeline.js';

export const DEFAULT_TIMEOUT_MS = 120_000;

export interface VerifyOptions {
  e2e?: boolean;
  only?: string[];
  timeoutMs?: number;
  /** Only this integration of the config. */
  integration?: string;
  /** Warnings (a manual step never confirmed) fail the run. */
  strict?: boolean;
  /** The language of step titles in hints; Russian by default, as the steps are. */
  lang?: Lang;
  onTimeline?(event: TimelineEvent): void;
  onResult?(result: CheckResult): void;
  /** Injected clients (tests, the demo); built from the config otherwise. */
  clients?: ClientOverrides;
}

export interface VerifyOutcome {
  report: VerifyReport;
  exitCode: number;
}

interface Planned {
  input: IntegrationInput;
  module: RecipeChecks;
  defs: CheckDef<VerifyContext>[];
}

function exitCodeOf(results: CheckResult[]): number {
  const failed = results.filter((r) => r.status === 'fail');
  if (failed.some((r) => r.errorKind === 'config')) return EXIT.usage;
  if (failed.some((r) => r.errorKind === 'auth')) return EXIT.auth;
  return failed.length ? EXIT.failed : EXIT.ok;
}

type Expanded = Omit<IntegrationInput, 'credentialsCheck'> & { bound: BoundRecipe };

async function expand(loaded: LoadedConfig, name: string | undefined, registry: Registry): Promise<Expanded[]> {
  const config = loaded.config!;
  const out: Expanded[] = [];
  for (const integration of selectIntegrations(config, name)) {
    const bound = await registry.bind(integration);
    let resources: Resource[] = [];
    let steps: StepEntry[] = [];
    try {
      resources = bound.resources(config);
      steps = describeResources(bound, config, 'en');
    } catch {
      // A recipe that cannot expand yet still gets its endpoint check.
    }
    out.push({ integration, recipe: bound.recipe, resources, steps, config, bound });
  }
  return out;
}

/** The manual steps a fully passing round trip proved, recorded as confirmed by verify. */
async function confirmProven(
  planned: Planned[],
  results: CheckResult[],
  loaded: LoadedConfig,
  now: Date,
): Promise<string[]> {
  const byId = new Map(results.map((r) => [r.id, r]));
  const confirmed: string[] = [];
  for (const p of planned) {
    const trip = p.defs.filter((d) => d.e2e && !d.always);
    if (!p.module.proves || trip.length === 0 || !trip.every((d) => byId.get(d.id)?.status === 'pass')) continue;
    for (const id of p.module.proves(p.input)) {
      const resource = p.input.resources.find((r) => r.id === id);
      const step = resource?.describe?.({ config: p.input.config, integration: p.input.integration, lang: 'en' });
      if (!step) continue;
      await recordConfirmation(loaded.stateFile, p.input.integration.name, id, step.spec, 'verify', { at: now });
      confirmed.push(`${p.input.integration.name}/${id}`);
    }
  }
  return confirmed;
}

/**
 * A failing round-trip check that names a manual step takes that step's confirmation back: the
 * helpdesk just showed the step is not done, whoever said it was. `plan` shows it manual again.
 */
async function revokeDisproven(
  planned: Planned[],
  results: CheckResult[],
  loaded: LoadedConfig,
  now: Date,
): Promise<string[]> {
  const byId = new Map(results.map((r) => [r.id, r]));
  const revoked: string[] = [];
  for (const p of planned) {
    const named = new Set(
      p.defs
        .filter((d) => d.e2e && !d.always)
        .map((d) => byId.get(d.id))
        .flatMap((r) => (r?.status === 'fail' && r.step ? [r.step.id] : [])),
    );
    for (const id of named) {
      const resource = p.input.resources.find((r) => r.id === id);
      if (resource?.mode !== 'manual') continue;
      const name = p.input.integration.name;
      if (await revokeConfirmation(loaded.stateFile, name, id, 'verify --e2e', now)) revoked.push(`${name}/${id}`);
    }
  }
  return revoked;
}

/** `--strict`: a warning is a failure. */
function strictly(result: CheckResult): CheckResult {
  if (result.status !== 'warn') return result;
  return { ...result, status: 'fail', message: `${result.message ?? 'warning'} (a failure under --strict)` };
}

export async function runVerify(options: VerifyOptions, ctx: Context): Promise<VerifyOutcome> {
  const startedAt = ctx.now();
  const t0 = Date.now();
  const runId = randomBytes(4).toString('hex');
  const timeline = new Timeline(options.onTimeline);
  const finish = (checks: CheckResult[], confirmed: string[] = [], revoked: string[] = []) => {
    const report = buildReport({
      runId,
      e2e: Boolean(options.e2e),
      startedAt,
      durationMs: Date.now() - t0,
      checks,
      timeline: timeline.events,
      confirmed,
      revoked,
    });
    return { report, exitCode: exitCodeOf(checks) };
  };

  let loaded: LoadedConfig;
  try {
    loaded = await ctx.loadConfig();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    const result: CheckResult = {
      id: CONFIG_CHECK,
      title: CONFIG_TITLE,
      status: 'fail',
      durationMs: Date.now() - t0,
      message: err.message,
      hint: err.hint,
      errorKind: 'config',
    };
    options.onResult?.(result);
    return finish([result]);
  }
  const config = loaded.config!;
  const configOutcome =
    config.integrations.length === 0
      ? fail(`${loaded.file}: no integrations to verify`, { hint: 'Add one with `omnibot init`.', errorKind: 'config' })
      : pass(`${loaded.file}: ${config.integrations.map((i) => `${i.name} (${i.recipe})`).join(', ')}`);

  const inputs = await expand(loaded, options.integration, ctx.registry);
  const defs: CheckDef<VerifyContext>[] = [configCheck(configOutcome)];
  // One credentials check per helpdesk in use, in the registry's order.
  for (const kind of HELPDESK_KINDS)
    if (inputs.some((i) => i.recipe.helpdesk === kind)) defs.push(credentialsCheck(kind));
  const planned: Planned[] = [];
  for (const { bound, ...partial } of inputs) {
    const input: IntegrationInput = {
      ...partial,
      credentialsCheck: credentialsCheckId(partial.recipe.helpdesk),
      lang: options.lang ?? 'ru',
    };
    const module = await bound.checks();
    const own = module.checks(input);
    // Plain verify says what it did not prove; with --e2e the round trip itself decides.
    const manual = options.e2e ? undefined : manualStepsCheck(input, module.proves?.(input) ?? []);
    if (manual) own.push(manual);
    planned.push({ input, module, defs: own });
    defs.push(...own);
  }
  const selected = selectChecks(defs, options.only, Boolean(options.e2e));

  const base = lazyClients(
    config,
    {},
    {
      log: (line) => ctx.io.debug(line),
      progress: (line) => ctx.io.progress(line),
      ledgerDir: dirname(loaded.stateFile),
      ignoreBan: ctx.flags.ignoreBan,
    },
  );
  const cx: VerifyContext = {
    io: ctx.io,
    env: ctx.env,
    signal: ctx.signal,
    loaded,
    config,
    state: await readState(loaded.stateFile),
    clients: base,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    runId,
    timeline,
    facts: new Map(),
    pendingCleanup: new Map(),
    now: () => ctx.now(),
  };
  // If a check could not trash its test case (a crash, a second Ctrl-C), the command's exit does.
  ctx.defer(async () => {
    for (const cleanup of cx.pendingCleanup.values()) await cleanup().catch(() => undefined);
  });

  // A terminal sees which check runs and for how long (a round trip may wait minutes for a rule).
  let ticker: Ticker | undefined;
  const ran = await runChecks(selected, cx, {
    signal: ctx.signal,
    onStart: (def) => {
      ticker = ctx.io.ticker(`${def.id}: ${def.title}`, def.e2e ? { totalMs: cx.timeoutMs } : {});
    },
    onResult: (r) => {
      ticker?.stop();
      options.onResult?.(options.strict ? strictly(r) : r);
    },
  });
  const results = options.strict ? ran.map(strictly) : ran;
  if (ctx.signal.aborted) throw new CancelledError('verify was cancelled; the test case was cleaned up.');
  const confirmed = await confirmProven(planned, results, loaded, ctx.now());
  const revoked = await revokeDisproven(planned, results, loaded, ctx.now());
  return finish(results, confirmed, revoked);
}
