/**
 * The integrations that hold a secret omnibot makes, from the registry: each recipe's secret
 * definition (config field, variable, steps to redo) with the recipe's name. Everything else —
 * 32 random bytes, .env 0600, fingerprint-only state — is the same mechanism, in ./run.ts.
 */
import type { SecretDefinition } from '../../kit/integration.js';
import type { Registry } from '../../kit/registry.js';

export interface SecretRecipe extends SecretDefinition {
  recipe: string;
}

export function secretRecipes(registry: Registry): SecretRecipe[] {
  return registry.integrations.flatMap((def) => (def.secret ? [{ recipe: def.name, ...def.secret }] : []));
}

export function secretRecipe(registry: Registry, name: string): SecretRecipe {
  const found = secretRecipes(registry).find((r) => r.recipe === name);
  if (!found) throw new TypeError(`recipe "${name}" holds no secret`);
  return found;
}
