/**
 * Gathers the steps of the configured integrations, numbered as `omnibot steps` prints them.
 * No network: describing a resource only reads the config, so `steps` works offline and
 * `verify` can name "step 3" in a failure hint.
 */
import { didYouMean } from '../core/did-you-mean.js';
import type { Config, BaseIntegration as Integration } from '../model/config.js';
import { UsageError } from '../core/errors.js';
import type { Lang } from '../core/localized.js';
import type { ExpandableRecipe, RecipeBinder, RecipeInfo, Resource } from '../model/resource.js';
import type { ManualStep } from '../core/manual-step.js';

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
  title: RecipeInfo['title'];
  steps: StepEntry[];
}

export function selectIntegrations(config: Config, only?: string): Integration[] {
  if (!only) return config.integrations;
  const found = config.integrations.filter((it) => it.name === only);
  if (!found.length) {
    const known = config.integrations.map((it) => it.name).join(', ') || 'none';
    const hint = didYouMean(
      only,
      config.integrations.map((it) => it.name),
    );
    throw new UsageError(`--integration: no integration named "${only}" in the config${hint} (known: ${known})`, {
      details: { flag: '--integration' },
    });
  }
  return found;
}

/** Every describable resource of one integration as a numbered step, keyed by resource id. */
export function describeResources(bound: ExpandableRecipe, config: Config, lang: Lang): StepEntry[] {
  const { integration, recipe } = bound;
  const steps: StepEntry[] = [];
  for (const resource of bound.resources(config)) {
    if (!resource.describe) continue;
    const step = resource.describe({ config, integration, lang });
    steps.push({
      ...step,
      integration: integration.name,
      recipe: recipe.name,
      number: steps.length + 1,
      mode: resource.mode,
    });
  }
  return steps;
}

/** `bind` loads each integration's recipe (the registry's `bind`). */
export async function collectSteps(
  config: Config,
  options: { lang: Lang; integration?: string },
  bind: RecipeBinder,
): Promise<IntegrationSteps[]> {
  const out: IntegrationSteps[] = [];
  for (const integration of selectIntegrations(config, options.integration)) {
    const bound = await bind(integration);
    const steps = describeResources(bound, config, options.lang);
    out.push({ integration: integration.name, recipe: bound.recipe.name, title: bound.recipe.title, steps });
  }
  return out;
}
