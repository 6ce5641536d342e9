import { z } from 'zod';
import { columns } from '../../core/io/table.js';
import type { Handler } from '../lazy-action.js';
import { parseOptions } from '../../kit/parse-options.js';
import { HELPDESK_KINDS, type HelpdeskKind } from '../../helpdesks/registry.js';
import { INTEGRATIONS } from '../../integrations/registry.js';
import type { AnyIntegration } from '../../kit/registry.js';
import { recipeFlags } from './recipes.js';
import { run } from './run.js';

const envName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name (letters, digits, "_")');

const kinds = HELPDESK_KINDS as [HelpdeskKind, ...HelpdeskKind[]];

const commonSchema = z.object({
  recipe: z.string().optional(),
  helpdesk: z.enum(kinds).optional(),
  url: z.string().optional(),
  email: z.string().optional(),
  apiKeyEnv: envName.optional(),
  name: z.string().optional(),
  writeEnv: z.boolean().optional(),
  // No default here: the global --config names the file when --output does not.
  output: z.string().min(1).optional(),
  append: z.boolean().optional(),
  force: z.boolean().optional(),
  ci: z.enum(['github']).optional(),
  ciPackage: z.string().min(1).optional(),
  lang: z.enum(['ru', 'en']).default('ru'),
});

/** init's options for these recipes: the recipe is one of them, and each recipe flag is text, a choice, or on/off. */
export function initOptionsSchemaFor(integrations: readonly AnyIntegration[]) {
  const names = integrations.map((d) => d.name) as [string, ...string[]];
  const recipeFlagSchemas = Object.fromEntries(
    recipeFlags(integrations).map((f) => [
      f.key,
      f.kind === 'boolean'
        ? z.boolean().optional()
        : f.choices
          ? z.enum(f.choices as [string, ...string[]]).optional()
          : z.string().optional(),
    ]),
  );
  return commonSchema.extend({ ...recipeFlagSchemas, recipe: z.enum(names).optional() });
}

export const initOptionsSchema = initOptionsSchemaFor(INTEGRATIONS);

/** init's own options, and the recipes' flags by key (`webhookUrl`, `replyAsNote`). */
export type InitOptions = z.output<typeof commonSchema> & { readonly [key: string]: unknown };

const handler: Handler = async ({ opts }, ctx) => {
  const options: InitOptions = parseOptions(initOptionsSchemaFor(ctx.registry.integrations), opts);
  const result = await run(options, ctx);
  if (ctx.io.json) {
    ctx.io.printJson(result);
    return;
  }
  for (const file of result.files) ctx.io.out(`wrote ${file.path}${file.note ? ` (${file.note})` : ''}`);
  ctx.io.info('');
  ctx.io.info(options.lang === 'ru' ? 'Дальше:' : 'Next:');
  for (const line of columns(result.next.map(([cmd, why]) => [cmd, why]))) ctx.io.info(`  ${line}`);
};

export default handler;
