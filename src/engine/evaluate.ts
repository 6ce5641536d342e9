/**
 * Reads one integration's resources into plan items. API and check resources ask the helpdesk;
 * manual ones count as done only when the state file holds a confirmation for the same spec
 * (or, when the recipe can read them, when the API shows them).
 */
import type { Config } from '../model/config.js';
import type { State } from '../core/state.js';
import { ApiError, AuthError, CancelledError, ConfigError, UsageError } from '../core/errors.js';
import type { RecipeInfo, Resource, ResourceContext } from '../model/resource.js';
import { describeResources, type StepEntry } from '../steps/collect.js';
import type { ClientSet } from '../helpdesks/clients.js';
import type { BoundRecipe } from '../kit/registry.js';
import { confirmation } from './confirmations.js';
import type { EngineContext, PlanItem } from './types.js';

export interface Evaluated {
  item: PlanItem;
  resource: Resource;
  step?: StepEntry;
  rc: ResourceContext;
}

/**
 * Failures that make every other read pointless (refused credentials, an unreachable helpdesk,
 * a bad config) end the run with their own exit code; anything else marks one resource unknown.
 */
function isFatal(err: unknown): boolean {
  if (
    err instanceof AuthError ||
    err instanceof ConfigError ||
    err instanceof UsageError ||
    err instanceof CancelledError
  )
    return true;
  return err instanceof ApiError && err.status === undefined;
}

/** A network failure must name the helpdesk it could not reach, whatever the client said. */
function fatal(err: unknown, config: Config, recipe: RecipeInfo): unknown {
  const url = config[recipe.helpdesk]?.url;
  if (err instanceof ApiError && err.status === undefined && url && !err.message.includes(url)) {
    return new ApiError(`Cannot reach ${url}: ${err.message}`, {
      code: err.code,
      hint: err.hint,
      cause: err.cause ?? err,
      details: err.details,
    });
  }
  return err;
}

function reason(err: unknown): string {
  const e = err as Error & { cause?: unknown };
  const cause = e?.cause instanceof Error ? ` (${e.cause.message})` : '';
  return `could not read: ${e?.message ?? String(err)}${cause}`;
}

function manualStatus(base: PlanItem, step: StepEntry | undefined, state: State): PlanItem {
  if (!step) return { ...base, status: 'unknown', detail: 'the recipe gives no step for this resource' };
  const c = confirmation(state, base.integration, base.resource, step.spec);
  if (c.status === 'confirmed') {
    const at = c.at ? ` at ${c.at}` : '';
    return { ...base, status: 'ok', confirmedBy: c.by, detail: `confirmed by ${c.by}${at}` };
  }
  if (c.status === 'revoked') {
    const at = c.at ? ` at ${c.at}` : '';
    return {
      ...base,
      status: 'manual',
      detail: `revoked by ${c.by}${at}: the round trip failed here; redo step ${step.number} (omnibot steps)`,
    };
  }
  if (c.status === 'stale') {
    return {
      ...base,
      status: 'manual',
      detail: `the step changed since ${c.by} confirmed it; redo step ${step.number} (omnibot steps)`,
    };
  }
  return {
    ...base,
    status: 'manual',
    detail: `by hand: step ${step.number} of \`omnibot steps --integration ${base.integration}\``,
  };
}

/** Advice is read, not done: there is nothing to confirm, so it is a `note` whatever the state says. */
function adviceStatus(base: PlanItem, step: StepEntry | undefined): PlanItem {
  const where = step ? `step ${step.number} of \`omnibot steps --integration ${base.integration}\`` : 'omnibot steps';
  return { ...base, status: 'note', detail: `advice to read: ${where}; nothing to confirm` };
}

export async function evaluateIntegration(
  config: Config,
  bound: BoundRecipe,
  state: State,
  clients: ClientSet,
  ectx: EngineContext,
): Promise<Evaluated[]> {
  const { integration, recipe } = bound;
  const lang = ectx.lang ?? 'en';
  const rc: ResourceContext = {
    config,
    integration,
    lang,
    io: ectx.io,
    state,
    signal: ectx.signal,
    clients,
  };
  const steps = new Map(describeResources(bound, config, lang).map((s) => [s.id, s]));
  const out: Evaluated[] = [];
  for (const resource of bound.resources(config)) {
    if (ectx.signal.aborted) throw new CancelledError('Cancelled; nothing more was read or changed.');
    const step = steps.get(resource.id);
    const base: PlanItem = {
      integration: integration.name,
      recipe: recipe.name,
      resource: resource.id,
      kind: resource.kind,
      mode: resource.mode,
      status: 'unknown',
      detail: '',
      ...(step ? { step: step.number } : {}),
    };
    let item: PlanItem;
    if (resource.mode === 'advice') {
      out.push({ item: adviceStatus(base, step), resource, step, rc });
      continue;
    }
    try {
      const read = resource.read ? await resource.read(rc) : undefined;
      if (resource.mode === 'manual') {
        // A manual resource the API can see (a custom channel) is proven by the API itself.
        if (read?.status === 'ok') item = { ...base, status: 'ok', detail: read.detail, id: read.id };
        // ...and disproven by it: what the API shows (missing, wrong URL) beats an old confirmation.
        else if (read?.status === 'manual')
          item = {
            ...manualStatus(base, step, state),
            status: 'manual',
            detail: step
              ? `${read.detail}; step ${step.number} of \`omnibot steps --integration ${base.integration}\``
              : read.detail,
          };
        else item = manualStatus(base, step, state);
      } else if (read) {
        item = { ...base, status: read.status, detail: read.detail, ...(read.id !== undefined ? { id: read.id } : {}) };
      } else {
        item = { ...base, status: 'unknown', detail: 'the recipe cannot read this resource' };
      }
    } catch (err) {
      if (isFatal(err)) throw fatal(err, config, recipe);
      item =
        resource.mode === 'manual'
          ? manualStatus(base, step, state)
          : { ...base, status: 'unknown', detail: reason(err) };
    }
    out.push({ item, resource, step, rc });
  }
  return out;
}
