/**
 * The live status line: drawn on a terminal's stderr after the first second, in place, with the
 * time out of the total; erased before any other stderr line and when the work ends; never
 * drawn on a pipe. Fake timers drive the clock, so nothing here waits.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Io } from '../../../../src/core/io/io.js';

function streams(tty: boolean) {
  const err: string[] = [];
  const io = new Io({
    stdout: { write: () => true },
    stderr: { write: (s: string) => err.push(s), isTTY: tty },
    stdin: {},
    env: { NO_COLOR: '1' },
  });
  return { io, text: () => err.join('') };
}

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('Io.ticker', () => {
  it('shows nothing for work under a second', () => {
    const { io, text } = streams(true);
    const t = io.ticker('reading the helpdesk');
    vi.advanceTimersByTime(900);
    t.stop();
    expect(text()).toBe('');
  });

  it('redraws "label… 12 s of 2 min" in place, clears before other lines and at the end', () => {
    const { io, text } = streams(true);
    const t = io.ticker('wikibot/e2e-rule: The incoming rule fired', { totalMs: 120_000 });
    vi.advanceTimersByTime(12_000);
    // eslint-disable-next-line no-control-regex -- the line is erased with ESC [2K
    expect(text()).toMatch(/\r\x1b\[2K. wikibot\/e2e-rule: The incoming rule fired… 12 s of 2 min$/);
    io.warn('the bot is slow');
    // eslint-disable-next-line no-control-regex -- the line is erased with ESC [2K
    expect(text()).toMatch(/\r\x1b\[2Kwarning: the bot is slow\n$/);
    vi.advanceTimersByTime(500);
    t.stop();
    expect(text().endsWith('\r\x1b[2K')).toBe(true);
    const after = text().length;
    vi.advanceTimersByTime(5_000);
    expect(text().length).toBe(after);
  });

  it('writes nothing on a pipe, and progress notes only on a terminal', () => {
    const pipe = streams(false);
    const t = pipe.io.ticker('reading the helpdesk');
    vi.advanceTimersByTime(10_000);
    t.stop();
    pipe.io.progress('Omnidesk: HTTP 503; trying again in 1 s');
    expect(pipe.text()).toBe('');
    const tty = streams(true);
    tty.io.progress('Omnidesk: HTTP 503; trying again in 1 s');
    expect(tty.text()).toContain('Omnidesk: HTTP 503; trying again in 1 s\n');
  });
});
