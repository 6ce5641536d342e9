import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { commandEntries } from '../../../src/commands/registry.js';
import { runCli } from '../../helpers/run-cli.js';

/** Runs the bash script's function for a command line, as bash's completion would. */
async function complete(script: string, line: string[]): Promise<string[]> {
  const words = line.map((w) => `'${w}'`).join(' ');
  const program =
    `${script}\nCOMP_WORDS=(${words}); COMP_CWORD=${line.length - 1}; _omnibot; printf '%s\\n' ` + `"\${COMPREPLY[@]}"`;
  const { stdout } = await execa('bash', ['-c', program]);
  return stdout.split('\n').filter(Boolean);
}

describe('omnibot completion', () => {
  it('bash: completes every command, subcommands, flags and fixed flag values', async () => {
    const r = await runCli(['completion', 'bash']);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe('');
    const all = await complete(r.stdout, ['omnibot', '']);
    for (const { name } of await commandEntries()) expect(all).toContain(name);
    expect(all).toContain('--config');
    expect(await complete(r.stdout, ['omnibot', 'ver'])).toEqual(['verify']);
    expect(await complete(r.stdout, ['omnibot', 'events', ''])).toEqual(expect.arrayContaining(['show', 'promote']));
    expect(await complete(r.stdout, ['omnibot', 'steps', '--lang', ''])).toEqual(['ru', 'en']);
    expect(await complete(r.stdout, ['omnibot', '--config', 'x.json', 'steps', '--for'])).toEqual(['--format']);
    expect(await complete(r.stdout, ['omnibot', 'completion', ''])).toEqual(
      expect.arrayContaining(['bash', 'zsh', 'fish']),
    );
  });

  it('zsh wraps the same function; fish has a line per command with its description', async () => {
    const zsh = await runCli(['completion', 'zsh']);
    expect(zsh.stdout.startsWith('#compdef omnibot')).toBe(true);
    expect(zsh.stdout).toContain('bashcompinit');
    const fish = await runCli(['completion', 'fish']);
    expect(fish.exitCode).toBe(0);
    expect(fish.stdout).toMatch(/complete -c omnibot -n '__fish_use_subcommand' -a verify -d '/);
    expect(fish.stdout).toMatch(/-l lang -x -a 'ru en'/);
  });

  it('an unknown shell is exit 2 naming the choices', async () => {
    const r = await runCli(['completion', 'powershell']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/bash, zsh, fish/);
    expect(r.stdout).toBe('');
  });
});
