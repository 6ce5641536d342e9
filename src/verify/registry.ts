/**
 * Which checks each recipe contributes to `omnibot verify`. A recipe without an entry gets the
 * generic checks (readable resources, bot endpoint). To add a recipe's own checks — a round
 * trip, a behavioural probe — export a `RecipeChecks` as `checks` from a module and list it here.
 */
import type { RecipeName } from '../config/schema.js';
import type { RecipeChecks } from './context.js';

const modules: Partial<Record<RecipeName, () => Promise<{ checks: RecipeChecks }>>> = {
  'omnidesk-bot': () => import('../integrations/omnidesk-bot/checks.js'),
  'helpdeskeddy-bot': () => import('../integrations/helpdeskeddy-bot/checks.js'),
  'omnidesk-custom-channel': () => import('../integrations/omnidesk-custom-channel/checks.js'),
  billmanager: () => import('../integrations/billmanager/checks.js'),
  chaport: () => import('../integrations/chaport/checks.js'),
};

export async function recipeChecks(name: RecipeName): Promise<RecipeChecks> {
  const load = modules[name] ?? (() => import('./checks/generic.js'));
  return (await load()).checks;
}
