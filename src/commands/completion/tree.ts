/**
 * The command tree as completion scripts need it, read from the real commander definitions so
 * a new flag or command is completed without anyone editing the scripts.
 */
import type { Command, Option } from 'commander';

export interface FlagInfo {
  /** `--to`, and `-t` when the flag has a short form. */
  names: string[];
  description: string;
  takesValue: boolean;
  /** The fixed values it accepts (commander `.choices()`), if any. */
  choices: string[];
}

export interface CommandNode {
  /** Words from the root, e.g. ['events', 'promote']; [] for omnibot itself. */
  path: string[];
  description: string;
  flags: FlagInfo[];
  children: CommandNode[];
  /** The choices of a positional argument (`completion <shell>`), if it has some. */
  argChoices: string[];
}

function flagOf(option: Option): FlagInfo {
  const names = [option.long, option.short].filter((n): n is string => Boolean(n));
  return {
    names,
    description: option.description,
    takesValue: option.required || option.optional,
    choices: option.argChoices ?? [],
  };
}

export function commandTree(cmd: Command, path: string[] = []): CommandNode {
  const args = (cmd as unknown as { registeredArguments?: Array<{ argChoices?: string[] }> }).registeredArguments ?? [];
  return {
    path,
    description: cmd.description(),
    flags: cmd.options.filter((o) => !o.hidden).map(flagOf),
    children: cmd.commands.map((c) => commandTree(c, [...path, c.name()])),
    argChoices: args.flatMap((a) => a.argChoices ?? []),
  };
}

/** Every node, depth first, the root included. */
export function allNodes(node: CommandNode): CommandNode[] {
  return [node, ...node.children.flatMap(allNodes)];
}
