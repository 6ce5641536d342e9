/**
 * Glue between a command's definition (cheap: commander only) and its handler (loaded on use).
 * Keeping handlers behind `import()` is what keeps `omnibot --help` near bare-node start-up.
 */
import type { Command } from 'commander';
import type { Context } from '../context.js';

export interface CommandInput {
  /** Positional arguments, in declaration order. */
  args: unknown[];
  /** The command's own options merged with the global ones. */
  opts: Record<string, unknown>;
  command: Command;
}

/** A handler returns the exit code it wants (0 when omitted); failures are thrown. */
export type Handler = (input: CommandInput, ctx: Context) => Promise<number | void>;

/** What `src/cli.ts` reads after parsing, so that it stays the one place that sets the exit code. */
export const outcome = { exitCode: 0 };

export function lazyAction(load: () => Promise<{ default: Handler }>) {
  return async (...all: unknown[]): Promise<void> => {
    const command = all[all.length - 1] as Command;
    const args = all.slice(0, -2);
    const opts = command.optsWithGlobals() as Record<string, unknown>;
    const [{ default: handler }, { createContext }] = await Promise.all([load(), import('../context.js')]);
    const ctx = createContext(opts);
    try {
      const code = await handler({ args, opts, command }, ctx);
      outcome.exitCode = code ?? 0;
    } finally {
      await ctx.dispose();
    }
  };
}

/** Commander argument parser for a repeatable flag (`--set a=1 --set b=2` → both, in order). */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** Formats an "Examples:" block for `addHelpText('after', …)`. */
export function examples(lines: Array<[string, string]>): string {
  const body = lines.map(([cmd, what]) => `  $ ${cmd}\n      ${what}`).join('\n');
  return `\nExamples:\n${body}\n`;
}
