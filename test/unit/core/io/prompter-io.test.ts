import { describe, expect, it } from 'vitest';
import { NonInteractivePrompter } from '../../../../src/core/io/prompter.js';
import { Io } from '../../../../src/core/io/io.js';
import { UsageError } from '../../../../src/core/errors.js';

function streams(env: NodeJS.ProcessEnv = {}, tty = false) {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    streams: {
      stdout: { write: (s: string) => out.push(s), isTTY: tty },
      stderr: { write: (s: string) => err.push(s), isTTY: tty },
      stdin: { isTTY: tty },
      env,
    },
  };
}

describe('NonInteractivePrompter', () => {
  it('fails at once with a usage error that names the flag', async () => {
    const p = new NonInteractivePrompter();
    const err = await p.input({ message: 'Bot webhook URL:', flag: '--webhook-url' }).catch((e) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect(err.hint).toBe('Pass --webhook-url.');
    expect(err.message).toContain('Bot webhook URL');
  });
});

describe('Io', () => {
  it('keeps stdout for data and stderr for progress; --quiet silences info only', () => {
    const s = streams();
    const io = new Io(s.streams, { quiet: true });
    io.out('data');
    io.info('progress');
    io.warn('careful');
    io.err('ready {"url":"x"}');
    expect(s.out.join('')).toBe('data\n');
    expect(s.err.join('')).toContain('careful');
    expect(s.err.join('')).toContain('ready');
    expect(s.err.join('')).not.toContain('progress');
  });

  it('is never interactive in CI or without a terminal', () => {
    expect(new Io(streams({ CI: 'true' }, true).streams).interactive).toBe(false);
    expect(new Io(streams({}, false).streams).interactive).toBe(false);
    expect(new Io(streams({}, true).streams, { input: false }).interactive).toBe(false);
    expect(new Io(streams({ CI: 'false' }, true).streams).interactive).toBe(true);
  });

  it('honours NO_COLOR even on a terminal', () => {
    const io = new Io(streams({ NO_COLOR: '1' }, true).streams);
    expect(io.c.red('x')).toBe('x');
    const colored = new Io(streams({}, true).streams);
    expect(colored.c.red('x')).not.toBe('x');
  });
});
