/**
 * `plan`: desired state against what the helpdesk has, per resource. Reads only; the state
 * file is read, never written.
 */
import type { Config } from '../config/schema.js';
import { readState } from '../config/state.js';
import { loadRecipe } from '../integrations/registry.js';
import { selectIntegrations } from '../steps/collect.js';
import { engineClients, type ClientSet } from './clients.js';
import { evaluateIntegration, type Evaluated } from './evaluate.js';
import { summarize, type EngineContext, type PlanItem, type PlanResult } from './types.js';

export function isPending(item: PlanItem): boolean {
  return item.status === 'create' || item.status === 'manual';
}

/** Every resource of every selected integration, evaluated in config and recipe order. */
export async function evaluateAll(config: Config, ectx: EngineContext, clients: ClientSet = engineClients(config, ectx)): Promise<Evaluated[]> {
  const state = await readState(ectx.stateFile);
  const out: Evaluated[] = [];
  for (const integration of selectIntegrations(config, ectx.integration)) {
    const recipe = await loadRecipe(integration.recipe);
    out.push(...(await evaluateIntegration(config, integration, recipe, state, clients, ectx)));
  }
  return out;
}

export async function plan(config: Config, ectx: EngineContext): Promise<PlanResult> {
  const resources = (await evaluateAll(config, ectx)).map((e) => e.item);
  return { resources, summary: summarize(resources), pending: resources.some(isPending) };
}
