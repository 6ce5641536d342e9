/**
 * The built-in registry for tests, and a recipe loaded by name with its resources callable on
 * any parsed integration (tests build configs by hand, so the integration is not narrowed).
 */
import { configSchema } from '../../src/config/schema.js';
import { builtinRegistry } from '../../src/integrations/builtin.js';
import { recipeInfo } from '../../src/kit/registry.js';
import type { BaseIntegration, Config } from '../../src/model/config.js';
import type { ExpandableRecipe, RecipeInfo, Resource } from '../../src/model/resource.js';

export const registry = builtinRegistry();

/** The config schema of the built-in integrations. */
export const schema = await configSchema(registry);

export interface TestRecipe extends RecipeInfo {
  resources<I extends BaseIntegration>(integration: I, config: Config): Resource[];
}

export async function loadRecipe(name: string): Promise<TestRecipe> {
  const def = registry.get(name);
  if (!def) throw new Error(`no recipe ${name}`);
  const module = await def.recipe();
  return { ...recipeInfo(def), resources: (it: BaseIntegration, config: Config) => module.resources(it, config) };
}

/** One integration with its recipe, as `describeResources` and the engine take it. */
export function expandable(recipe: TestRecipe, integration: BaseIntegration): ExpandableRecipe {
  return { integration, recipe, resources: (config) => recipe.resources(integration, config) };
}
