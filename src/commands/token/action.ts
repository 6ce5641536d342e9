/**
 * Handlers of `token generate|rotate` and of its alias `billmanager secret generate|rotate`
 * (the same code with the recipe preset): parse the flags, run, print.
 */
import { z } from 'zod';
import { INTEGRATION_NAME } from '../../model/config.js';
import type { Handler } from '../lazy-action.js';
import { parseOptions } from '../../kit/parse-options.js';
import { printUnredacted, renderToken } from './render.js';
import { runToken } from './run.js';
import { secretRecipe } from './secret-recipes.js';

const optionsSchema = z.object({
  name: z.string().regex(INTEGRATION_NAME, 'must be an integration name (letters, digits, "-", "_")').optional(),
  envVar: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name, e.g. HDE_BOT_TOKEN')
    .optional(),
  print: z.boolean().optional(),
});

/** `only`: the recipe of an alias (`omnibot <recipe> secret …`). */
export function tokenHandler(mode: 'generate' | 'rotate', only?: string): Handler {
  return async ({ opts }, ctx) => {
    const options = parseOptions(optionsSchema, opts);
    const result = await runToken(
      mode,
      options,
      ctx,
      only === undefined ? undefined : secretRecipe(ctx.registry, only),
    );
    const recipe = secretRecipe(ctx.registry, result.recipe);
    const value = typeof result[recipe.field] === 'string' ? (result[recipe.field] as string) : undefined;
    if (ctx.io.json) {
      if (value) printUnredacted(ctx.io, JSON.stringify(result, null, 2));
      else ctx.io.printJson(result);
      for (const w of result.warnings) ctx.io.warn(w);
      return 0;
    }
    renderToken(result, recipe, ctx.io);
    if (value) printUnredacted(ctx.io, value);
    return 0;
  };
}
