/**
 * Which checks each recipe contributes to `omnibot verify`. A recipe without an entry gets the
 * generic checks (readable resources, bot endpoint). To add a recipe's own checks — a round
 * trip, a behavioural probe — export a `RecipeChecks` as `checks` from a module and list it here.
 */
import type { RecipeName } from '../config/schema.js';
import type { RecipeChecks } from './context.js';

const modules: Partial<Record<RecipeName, () => Promise<{ checks: RecipeChecks }>>> = {
  'omnidesk-bot': () => import('./checks/omnidesk-bot.js'),
  'helpdeskeddy-bot': () => import('./checks/helpdeskeddy-bot.js'),
  'omnidesk-custom-channel': () => import('./recipes/custom-channel.js'),
  billmanager: () => import('./recipes/billmanager.js'),
  chaport: () => import('./recipes/chaport.js'),
};

export async function recipeChecks(name: RecipeName): Promise<RecipeChecks> {
  const load = modules[name] ?? (() => import('./checks/generic.js'));
  return (await load()).checks;
}
