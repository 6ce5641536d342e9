/**
 * `plan`: desired state against what the helpdesk has, per resource. Reads only; the state
 * file is read, never written.
 */
import type { Config } from '../model/config.js';
import { readState } from '../core/state.js';
import { selectIntegrations } from '../steps/collect.js';
import type { ClientSet } from '../helpdesks/clients.js';
import { engineClients } from './clients.js';
import { evaluateIntegration, type Evaluated } from './evaluate.js';
import { summarize, type EngineContext, type PlanItem, type PlanResult } from './types.js';

export function isPending(item: PlanItem): boolean {
  return item.status === 'create' || item.status === 'manual';
}

/** Every resource of every selected integration, evaluated in config and recipe order. */
export async function evaluateAll(
  config: Config,
  ectx: EngineContext,
  clients: ClientSet = engineClients(config, ectx),
): Promise<Evaluated[]> {
  const state = await readState(ectx.stateFile);
  const out: Evaluated[] = [];
  for (const integration of selectIntegrations(config, ectx.integration)) {
    const bound = await ectx.registry.bind(integration);
    out.push(...(await evaluateIntegration(config, bound, state, clients, ectx)));
  }
  return out;
}

export async function plan(config: Config, ectx: EngineContext): Promise<PlanResult> {
  const resources = (await evaluateAll(config, ectx)).map((e) => e.item);
  return { resources, summary: summarize(resources), pending: resources.some(isPending) };
}
