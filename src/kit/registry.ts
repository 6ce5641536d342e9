/**
 * A registry of integrations: an explicit list of definitions (no module registers itself on
 * import). src/integrations/registry.ts makes the built-in one; a test makes its own with
 * `createRegistry([...INTEGRATIONS, fixture])` and passes it through the context.
 */
import type { BaseIntegration } from '../model/config.js';
import type { RecipeInfo } from '../model/resource.js';
import type { ExpandableRecipe } from '../model/resource.js';
import type { RecipeChecks } from '../verify/context.js';
import type { HelpdeskKind } from '../helpdesks/registry.js';
import type { IntegrationDefinition } from './integration.js';

/**
 * Any recipe's definition, its own integration type forgotten (see `bind`); its helpdesk stays
 * typed (an `any` there would spread into every caller that picks a client by it).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the registry holds recipes of every integration type
export type AnyIntegration = Omit<IntegrationDefinition<string, any, any>, 'helpdesk'> & { helpdesk: HelpdeskKind };

/** A configured integration with its recipe's parts loaded and bound to it. */
export interface BoundRecipe extends ExpandableRecipe {
  definition: AnyIntegration;
  /** The recipe's verify checks, or the generic ones. */
  checks(): Promise<RecipeChecks>;
}

export interface Registry {
  readonly integrations: readonly AnyIntegration[];
  names(): string[];
  get(name: string): AnyIntegration | undefined;
  bind(integration: BaseIntegration): Promise<BoundRecipe>;
}

export function recipeInfo(def: AnyIntegration): RecipeInfo {
  return { name: def.name, helpdesk: def.helpdesk, title: def.title, seed: def.seed, sampleEvents: def.sampleEvents };
}

export function createRegistry(integrations: readonly AnyIntegration[]): Registry {
  const byName = new Map<string, AnyIntegration>();
  for (const def of integrations) {
    if (byName.has(def.name)) throw new Error(`two integrations are named "${def.name}"`);
    byName.set(def.name, def);
  }
  return {
    integrations,
    names: () => [...byName.keys()],
    get: (name) => byName.get(name),
    async bind(integration) {
      const def = byName.get(integration.recipe);
      if (!def) throw new Error(`unknown recipe "${integration.recipe}"`);
      const module = await def.recipe();
      return {
        integration,
        recipe: recipeInfo(def),
        definition: def,
        // The config was parsed by this recipe's own schema (the union is keyed by `recipe`),
        // so the integration has the recipe's type: this is the one place that says so.
        resources: (config) => module.resources(integration, config),
        async checks() {
          const own = await def.verify?.();
          return own ? own.checks : (await import('../verify/checks/generic.js')).checks;
        },
      };
    },
  };
}
