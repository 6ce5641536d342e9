/**
 * `--help` lists commands from a manifest that the build derives from the real definitions
 * (dist/commands-manifest.json), so only the command that runs is loaded. These tests pin the
 * derivation and the one-definition loading; test/e2e/bin.test.ts runs the built help.
 */
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../../src/cli.js';
import { commandEntries, commandName, manifestOf } from '../../../src/commands/registry.js';

const sink = { write: () => true };

describe('command registry', () => {
  it('derives one manifest line per command from its definition', async () => {
    const manifest = await manifestOf();
    expect(manifest.map((m) => m.name)).toEqual((await commandEntries()).map((c) => c.name));
    expect(manifest.find((m) => m.name === 'send')).toMatchObject({ term: 'send [options] <event>' });
    for (const m of manifest) expect(m.description, m.name).not.toBe('');
  });

  it('loads the full definition only for the command argv names', async () => {
    const program = await buildProgram(['--config', 'x.json', 'plan', '--json'], { stdout: sink, stderr: sink });
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
    [['--', 'plan'], undefined],
  ])('commandName(%j) = %s', (args, name) => {
    expect(commandName(args)).toBe(name);
  });
});
