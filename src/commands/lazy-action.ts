/**
 * Glue between a command's definition (cheap: commander only) and its handler (loaded on use).
 * Keeping handlers behind `import()` is what keeps `omnibot --help` near bare-node start-up.
 */
import type { Command } from 'commander';
import type { CommandInput, Handler, Runtime } from '../kit/context.js';

export type { CommandInput, Handler };

/** What commander parsed for the command that runs: its path (`['events', 'show']`), args, opts. */
export interface ParsedCall {
  path: string[];
  args: unknown[];
  opts: Record<string, unknown>;
}

/**
 * One run of `main()`: the runtime its commands get, and the exit code the handler returned.
 * `intercept` stands in for every handler (gh's `runF`): tests see what commander parsed.
 */
export interface Invocation {
  runtime: Runtime;
  exitCode: number;
  intercept?: (call: ParsedCall) => number | void | Promise<number | void>;
}

// Keyed by the root program, so concurrent runs of main() in one process never share a run.
const invocations = new WeakMap<Command, Invocation>();

export function bindInvocation(program: Command, invocation: Invocation): void {
  invocations.set(program, invocation);
}

function root(command: Command): Command {
  let cmd = command;
  while (cmd.parent) cmd = cmd.parent;
  return cmd;
}

function commandPath(command: Command): string[] {
  const path: string[] = [];
  for (let cmd: Command | null = command; cmd?.parent; cmd = cmd.parent) path.unshift(cmd.name());
  return path;
}

export function lazyAction(load: () => Promise<{ default: Handler }>) {
  return async (...all: unknown[]): Promise<void> => {
    const command = all[all.length - 1] as Command;
    const args = all.slice(0, -2);
    const opts = command.optsWithGlobals<Record<string, unknown>>();
    const invocation = invocations.get(root(command));
    if (!invocation) throw new Error(`omnibot ${commandPath(command).join(' ')}: run through main()`);
    if (invocation.intercept) {
      invocation.exitCode = (await invocation.intercept({ path: commandPath(command), args, opts })) ?? 0;
      return;
    }
    const [{ default: handler }, { createContext }] = await Promise.all([load(), import('./context.js')]);
    const ctx = createContext(opts, invocation.runtime);
    try {
      invocation.exitCode = (await handler({ args, opts, command }, ctx)) ?? 0;
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
