import type { Command } from 'commander';
import { z } from 'zod';
import { commandEntries } from '../registry.js';
import type { Handler } from '../lazy-action.js';
import { parseOptions } from '../../kit/parse-options.js';
import { SHELLS } from './index.js';
import { bashScript, fishScript, zshScript } from './scripts.js';
import { commandTree } from './tree.js';

const argsSchema = z.object({ shell: z.enum(SHELLS) });

/** The whole program with every command's real definition (only `--help` uses stubs). */
async function fullProgram(command: Command): Promise<Command> {
  const root = command.parent!;
  const program = new (root.constructor as typeof Command)(root.name()).description(root.description());
  for (const option of root.options) program.addOption(option);
  const integrations = (await import('../../integrations/registry.js')).INTEGRATIONS;
  for (const entry of await commandEntries(integrations)) program.addCommand(await entry.load(integrations));
  return program;
}

const handler: Handler = async ({ args, command }, ctx) => {
  const { shell } = parseOptions(argsSchema, { shell: args[0] });
  const tree = commandTree(await fullProgram(command));
  const write = { bash: bashScript, zsh: zshScript, fish: fishScript }[shell];
  ctx.io.write(write(tree));
};

export default handler;
