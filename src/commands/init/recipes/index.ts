/**
 * The recipes init can set up, and the question that picks one. The helpdesk follows from the
 * recipe; `--helpdesk` alone picks that helpdesk's first recipe, as before recipes were a choice.
 */
import type { RecipeName } from '../../../config/schema.js';
import type { HelpdeskKind } from '../../../config/urls.js';
import { UsageError } from '../../../core/errors.js';
import type { Prompter } from '../../../core/io/prompter.js';
import { billmanager } from '../../../integrations/billmanager/init.js';
import { chaport } from '../../../integrations/chaport/init.js';
import { helpdeskeddyBot } from '../../../integrations/helpdeskeddy-bot/init.js';
import { omnideskBot } from '../../../integrations/omnidesk-bot/init.js';
import { omnideskCustomChannel } from '../../../integrations/omnidesk-custom-channel/init.js';
import type { InitRecipe } from './types.js';

export const INIT_RECIPES: InitRecipe[] = [omnideskBot, helpdeskeddyBot, omnideskCustomChannel, billmanager, chaport];

export async function chooseRecipe(p: Prompter, recipe: RecipeName | undefined, helpdesk: HelpdeskKind | undefined): Promise<InitRecipe> {
  if (recipe !== undefined) {
    const found = INIT_RECIPES.find((r) => r.name === recipe)!;
    if (helpdesk !== undefined && found.helpdesk !== helpdesk) {
      throw new UsageError(`--helpdesk: the recipe ${recipe} is for ${found.helpdesk}, not ${helpdesk}.`, {
        hint: 'Drop --helpdesk: the recipe decides it.',
        details: { flag: '--helpdesk' },
      });
    }
    return found;
  }
  const offered = INIT_RECIPES.filter((r) => helpdesk === undefined || r.helpdesk === helpdesk);
  // A script keeps working without --recipe: the helpdesk's bot recipe, Omnidesk's by default.
  if (!p.interactive || offered.length === 1) return offered[0]!;
  return p.select<InitRecipe>({
    message: 'What do you want to connect?',
    flag: '--recipe',
    default: offered[0],
    choices: offered.map((r) => ({ name: r.choice, value: r })),
  });
}
