/**
 * The recipes init can set up, from the registry: the question that picks one, and the flags
 * their questions read. The helpdesk follows from the recipe; `--helpdesk` alone picks that
 * helpdesk's first recipe, as before recipes were a choice.
 */
import { UsageError } from '../../core/errors.js';
import { t, type Lang } from '../../core/localized.js';
import type { Prompter } from '../../core/io/prompter.js';
import type { HelpdeskKind } from '../../helpdesks/registry.js';
import type { InitFlag } from '../../kit/integration.js';
import type { AnyIntegration, Registry } from '../../kit/registry.js';

export async function chooseRecipe(
  p: Prompter,
  registry: Registry,
  recipe: string | undefined,
  helpdesk: HelpdeskKind | undefined,
  lang: Lang = 'ru',
): Promise<AnyIntegration> {
  if (recipe !== undefined) {
    const found = registry.get(recipe);
    if (!found)
      throw new UsageError(`--recipe: unknown recipe "${recipe}" (known: ${registry.names().join(', ')})`, {
        details: { flag: '--recipe' },
      });
    if (helpdesk !== undefined && found.helpdesk !== helpdesk) {
      throw new UsageError(`--helpdesk: the recipe ${recipe} is for ${found.helpdesk}, not ${helpdesk}.`, {
        hint: 'Drop --helpdesk: the recipe decides it.',
        details: { flag: '--helpdesk' },
      });
    }
    return found;
  }
  const offered = registry.integrations.filter((r) => helpdesk === undefined || r.helpdesk === helpdesk);
  // A script keeps working without --recipe: the helpdesk's bot recipe, Omnidesk's by default.
  if (!p.interactive || offered.length === 1) return offered[0]!;
  return p.select<AnyIntegration>({
    message: t({ ru: 'Что подключаем?', en: 'What do you want to connect?' }, lang),
    flag: '--recipe',
    default: offered[0],
    choices: offered.map((r) => ({
      name: typeof r.init.choice === 'string' ? r.init.choice : t(r.init.choice, lang),
      value: r,
    })),
  });
}

/** One init flag as every recipe that reads it declares it, with the help line they make together. */
export interface MergedFlag extends InitFlag {
  /** commander's key: `--webhook-url <url>` → `webhookUrl`, `--no-reply-as-note` → `replyAsNote`. */
  key: string;
  kind: 'string' | 'boolean';
  /** Recipes that read it. */
  recipes: string[];
}

export function flagKey(flags: string): string {
  const long = flags.split(/[ ,]+/).find((f) => f.startsWith('--'))!;
  return long.replace(/^--(no-)?/, '').replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
}

/**
 * The recipes' flags, each once: a flag one recipe reads says so (`<recipe>: <its words>`);
 * a shared one keeps the shared words and adds each recipe's note.
 */
export function recipeFlags(integrations: readonly AnyIntegration[]): MergedFlag[] {
  const merged = new Map<string, MergedFlag & { notes: string[] }>();
  for (const def of integrations) {
    for (const flag of def.init.flags) {
      const found = merged.get(flag.flags);
      const note = flag.note ? [`${def.name}: ${flag.note}`] : [];
      if (found) {
        found.recipes.push(def.name);
        found.notes.push(...note);
      } else {
        const kind = flag.flags.includes('<') ? 'string' : 'boolean';
        merged.set(flag.flags, { ...flag, key: flagKey(flag.flags), kind, recipes: [def.name], notes: note });
      }
    }
  }
  return [...merged.values()].map(({ notes, ...flag }) => ({
    ...flag,
    description:
      flag.recipes.length === 1
        ? `${flag.recipes[0]}: ${[flag.description, ...(flag.note ? [flag.note] : [])].join('; ')}`
        : [flag.description, ...notes].join('; '),
  }));
}
