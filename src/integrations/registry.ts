/**
 * The recipes omnibot knows, each loaded only when a config uses it.
 */
import type { RecipeName } from '../config/schema.js';
import type { Recipe } from '../model/resource.js';

const loaders: Record<RecipeName, () => Promise<{ recipe: Recipe }>> = {
  'omnidesk-bot': () => import('./omnidesk-bot/index.js'),
  'omnidesk-custom-channel': () => import('./omnidesk-custom-channel/index.js'),
  'helpdeskeddy-bot': () => import('./helpdeskeddy-bot/index.js'),
  billmanager: () => import('./billmanager/index.js'),
  chaport: () => import('./chaport/index.js'),
};

export async function loadRecipe(name: RecipeName): Promise<Recipe> {
  return (await loaders[name]()).recipe;
}
