/**
 * `apply`: creates what the API allows, then deals with the manual steps. Idempotent by
 * construction: every resource is read before anything is created, the state file records
 * what omnibot created (never deleted), and manual steps are confirmed per spec hash.
 *
 * Manual steps go one of three ways: a sandbox performs them through its admin path; a person
 * at a terminal confirms them one at a time (`presentStep`); otherwise they stay pending and
 * the command prints them.
 */
import { textOf } from '../core/text.js';
import type { Config } from '../model/config.js';
import { resourceKey, runLockPath, updateState } from '../core/state.js';
import { withFileLock } from '../core/file-lock.js';
import { CancelledError } from '../core/errors.js';
import type { StepEntry } from '../steps/collect.js';
import type { ClientSet } from '../helpdesks/clients.js';
import { engineClients } from './clients.js';
import { recordConfirmation } from './confirmations.js';
import type { Evaluated } from './evaluate.js';
import { evaluateAll, isPending } from './plan.js';
import { sandboxTarget } from './sandbox-admin.js';
import type { ApplyItem, ApplyResult, ApplySummary, EngineContext, PlanItem } from './types.js';

export type StepAnswer = 'done' | 'skip' | 'stop';

export interface ApplyOptions {
  dryRun?: boolean;
  /** Asked once before anything is created through the API; when absent, apply goes ahead. */
  confirmCreate?: (items: PlanItem[]) => Promise<boolean>;
  /** Shows one manual step to a person and returns what they did; when absent, steps stay pending. */
  /** `at`: the step's place among the manual steps this run walks through ("step 2 of 3"). */
  presentStep?: (step: StepEntry, item: PlanItem, at: { n: number; of: number }) => Promise<StepAnswer>;
}

async function applyApi(e: Evaluated, ectx: EngineContext, dryRun: boolean, now: () => Date): Promise<ApplyItem> {
  const { item, resource, rc } = e;
  if (item.status === 'create') {
    if (!resource.create) return { ...item, action: 'pending', detail: `${item.detail} (the recipe cannot create it)` };
    if (dryRun) return { ...item, action: 'would-create' };
    const created = await resource.create(rc);
    await updateState(ectx.stateFile, (state) => {
      state.resources[resourceKey(item.integration, item.resource)] = {
        id: created.id,
        owned: true,
        createdAt: now().toISOString(),
        ...(created.data ? { data: created.data } : {}),
      };
    });
    ectx.io.info(`${item.integration}/${item.resource}: ${created.detail}`);
    return { ...item, status: 'ok', id: created.id, detail: created.detail, action: 'created' };
  }
  // Something that already existed is recorded as found, not owned, so omnibot never claims it.
  const key = resourceKey(item.integration, item.resource);
  if (item.status === 'ok' && item.id !== undefined && rc.state.resources[key]?.id !== item.id) {
    if (dryRun) return { ...item, action: 'none' };
    await updateState(ectx.stateFile, (state) => {
      const prev = state.resources[key];
      state.resources[key] = {
        ...prev,
        id: item.id,
        owned: prev !== undefined && prev.id === item.id ? prev.owned : false,
      };
    });
    return { ...item, action: 'adopted' };
  }
  return { ...item, action: isPending(item) ? 'pending' : 'none' };
}

interface ManualOutcome {
  item: ApplyItem;
  stop?: boolean;
}

async function applyManual(
  e: Evaluated,
  ectx: EngineContext,
  options: ApplyOptions,
  clients: ClientSet,
  stopped: boolean,
  now: () => Date,
  at: { n: number; of: number },
): Promise<ManualOutcome> {
  const { item, step } = e;
  if (!step) return { item: { ...item, action: 'pending' } };
  const target = await sandboxTarget(step.spec, clients);
  if (target) {
    const how = `the sandbox admin path (POST ${target.path})`;
    if (options.dryRun)
      return { item: { ...item, action: 'would-sandbox', detail: `would be performed through ${how}` } };
    const answer = await target.admin.adminRequest<Record<string, unknown> | undefined>('POST', target.path, step.spec);
    const rawId = answer?.rule_id ?? answer?.channel_id ?? answer?.id;
    // A readable manual resource (a custom channel) names itself by what the API shows (its cch code).
    const reread = e.resource.read ? await e.resource.read(e.rc).catch(() => undefined) : undefined;
    const id = reread?.id ?? (rawId === undefined ? undefined : textOf(rawId));
    await recordConfirmation(ectx.stateFile, item.integration, item.resource, step.spec, 'sandbox', { at: now(), id });
    const detail = `performed through ${how}${id ? `, id ${id}` : ''}`;
    ectx.io.info(`${item.integration}/${item.resource}: ${detail}`);
    return {
      item: { ...item, status: 'ok', confirmedBy: 'sandbox', action: 'sandbox', detail, ...(id ? { id } : {}) },
    };
  }
  if (options.presentStep && !options.dryRun && !stopped) {
    const answer = await options.presentStep(step, item, at);
    if (answer === 'done') {
      // A person's «Да» does not outweigh the API: where the API can see the step, look first.
      const seen = e.resource.read ? await e.resource.read(e.rc).catch(() => undefined) : undefined;
      if (seen && seen.status !== 'ok') {
        const detail = `not found yet: ${seen.detail}; the step stays open (run omnibot apply again once it is done)`;
        ectx.io.warn(`${item.integration}/${item.resource}: ${detail}`);
        return { item: { ...item, action: 'pending', detail } };
      }
      await recordConfirmation(ectx.stateFile, item.integration, item.resource, step.spec, 'user', { at: now() });
      return { item: { ...item, status: 'ok', confirmedBy: 'user', action: 'confirmed', detail: 'confirmed by user' } };
    }
    return { item: { ...item, action: 'pending' }, stop: answer === 'stop' };
  }
  return { item: { ...item, action: 'pending' } };
}

function summarizeApply(items: ApplyItem[]): ApplySummary {
  const s: ApplySummary = { created: 0, adopted: 0, sandbox: 0, confirmed: 0, pending: 0, unknown: 0 };
  for (const it of items) {
    if (it.status === 'unknown') s.unknown += 1;
    else if (it.action === 'created' || it.action === 'adopted' || it.action === 'sandbox' || it.action === 'confirmed')
      s[it.action] += 1;
    else if (isPending(it)) s.pending += 1;
  }
  return s;
}

async function applyApiPhase(
  evaluated: Evaluated[],
  ectx: EngineContext,
  options: ApplyOptions,
  dryRun: boolean,
  now: () => Date,
): Promise<{ items: ApplyItem[]; manual: Array<{ index: number; e: Evaluated }> }> {
  const creating = evaluated.filter((e) => e.item.status === 'create' && e.resource.mode === 'api');
  if (
    creating.length &&
    !dryRun &&
    options.confirmCreate &&
    !(await options.confirmCreate(creating.map((e) => e.item)))
  ) {
    throw new CancelledError('Apply cancelled; nothing was created.');
  }
  const items: ApplyItem[] = [];
  const manual: Array<{ index: number; e: Evaluated }> = [];
  for (const e of evaluated) {
    if (ectx.signal.aborted)
      throw new CancelledError('Cancelled; what was created so far is recorded in the state file.');
    if (e.resource.mode === 'manual' && e.item.status === 'manual') {
      manual.push({ index: items.length, e });
      items.push({ ...e.item, action: 'pending' });
    } else if (
      e.resource.mode === 'api' ||
      (e.resource.mode === 'manual' && e.item.status === 'ok' && e.item.id !== undefined)
    ) {
      // A manual object the API shows (a custom channel) is recorded as found, like an adopted one.
      items.push(await applyApi(e, ectx, dryRun, now));
    } else {
      items.push({ ...e.item, action: isPending(e.item) ? 'pending' : 'none' });
    }
  }
  return { items, manual };
}

export async function apply(config: Config, ectx: EngineContext, options: ApplyOptions = {}): Promise<ApplyResult> {
  const dryRun = Boolean(options.dryRun);
  const now = ectx.now ?? (() => new Date());
  const clients = engineClients(config, ectx);
  // Reading and creating happen under one lock per config: a second apply started meanwhile
  // waits, then reads what the first one created instead of creating it again.
  const phase = async () => applyApiPhase(await evaluateAll(config, ectx, clients), ectx, options, dryRun, now);
  // A dry run writes nothing, not even the lock beside the state.
  const { items, manual } = dryRun
    ? await phase()
    : await withFileLock(runLockPath(ectx.stateFile), phase, {
        what: 'this config (an apply creating objects)',
        onWait: () =>
          ectx.io.info('Another omnibot apply is running on this config; waiting for it to finish creating…'),
      });

  // Manual steps come after the API objects: a rule names the label, so the label must exist first.
  let stopped = false;
  for (const [i, { index, e }] of manual.entries()) {
    if (ectx.signal.aborted) throw new CancelledError('Cancelled; confirmed steps are recorded in the state file.');
    const at = { n: i + 1, of: manual.length };
    const outcome = await applyManual(e, ectx, options, clients, stopped, now, at);
    items[index] = outcome.item;
    stopped ||= Boolean(outcome.stop);
  }

  const steps = manual
    .filter(({ index }) => items[index]!.action === 'pending')
    .flatMap(({ e }) => (e.step ? [e.step] : []));
  return { dryRun, resources: items, summary: summarizeApply(items), steps, pending: items.some(isPending) };
}
