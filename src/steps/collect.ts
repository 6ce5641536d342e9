/**
 * Gathers the steps of the configured integrations, numbered as `omnibot steps` prints them.
 * No network: describing a resource only reads the config, so `steps` works offline and
 * `verify` can name "step 3" in a failure hint.
 */
import { didYouMean } from '../core/did-you-mean.js';
import type { Config, Integration } from '../config/schema.js';
import { UsageError } from '../core/errors.js';
import type { Lang } from '../model/localized.js';
import type { ManualStep, Recipe, Resource } from '../model/resource.js';
import { loadRecipe } from '../integrations/registry.js';

export interface StepEntry extends ManualStep {
  integration: string;
  recipe: string;
  /** 1-based, per integration, in the recipe's resource order. */
  number: number;
  /** `api`: omnibot apply does it; the step is for doing it by hand. `check`: a prerequisite omnibot reads. */
  mode: Resource['mode'];
}

export interface IntegrationSteps {
  integration: string;
  recipe: string;
  title: Recipe['title'];
  steps: StepEntry[];
}

export function selectIntegrations(config: Config, only?: string): Integration[] {
  if (!only) return config.integrations;
  const found = config.integrations.filter((it) => it.name === only);
  if (!found.length) {
    const known = config.integrations.map((it) => it.name).join(', ') || 'none';
    const hint = didYouMean(only, config.integrations.map((it) => it.name));
    throw new UsageError(`--integration: no integration named "${only}" in the config${hint} (known: ${known})`, { details: { flag: '--integration' } });
  }
  return found;
}

/** Every describable resource of one integration as a numbered step, keyed by resource id. */
export function describeResources(recipe: Recipe, integration: Integration, config: Config, lang: Lang): StepEntry[] {
  const steps: StepEntry[] = [];
  for (const resource of recipe.resources(integration, config)) {
    if (!resource.describe) continue;
    const step = resource.describe({ config, integration, lang });
    steps.push({ ...step, integration: integration.name, recipe: recipe.name, number: steps.length + 1, mode: resource.mode });
  }
  return steps;
}

export async function collectSteps(config: Config, options: { lang: Lang; integration?: string }): Promise<IntegrationSteps[]> {
  const out: IntegrationSteps[] = [];
  for (const integration of selectIntegrations(config, options.integration)) {
    const recipe = await loadRecipe(integration.recipe);
    const steps = describeResources(recipe, integration, config, options.lang);
    out.push({ integration: integration.name, recipe: recipe.name, title: recipe.title, steps });
  }
  return out;
}
