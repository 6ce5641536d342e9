/**
 * The registry lists each command's term and description as data so that `--help` need not
 * load seventeen definitions. This test keeps that table equal to the real definitions:
 * when it fails, copy the "expected" values into src/commands/registry.ts.
 */
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../../src/cli.js';
import { COMMANDS, commandName } from '../../../src/commands/registry.js';

describe('command registry', () => {
  it.each(COMMANDS.map((c) => [c.name, c] as const))('%s: the help table matches the definition', async (_name, entry) => {
    const real = await entry.load();
    const help = new Command().createHelp();
    expect({ name: entry.name, term: entry.term, description: entry.description }).toEqual({
      name: real.name(),
      term: help.subcommandTerm(real),
      description: help.subcommandDescription(real),
    });
  });

  it('loads the full definition only for the command argv names', async () => {
    const program = await buildProgram(['node', 'omnibot', '--config', 'x.json', 'plan', '--json']);
    const plan = program.commands.find((c) => c.name() === 'plan')!;
    const apply = program.commands.find((c) => c.name() === 'apply')!;
    expect(plan.options.map((o) => o.long)).toContain('--detailed-exitcode');
    expect(apply.options).toHaveLength(0);
    expect(program.helpInformation()).toMatch(/apply \[options\]\s+create what the API allows/);
  });

  it.each([
    [['plan'], 'plan'],
    [['-c', 'plan', 'steps'], 'steps'],
    [['--json', 'apply', '--yes'], 'apply'],
    [['help', 'init'], 'init'],
    [['--help'], undefined],
  ])('commandName(%j) = %s', (args, name) => {
    expect(commandName(['node', 'omnibot', ...args])).toBe(name);
  });
});
