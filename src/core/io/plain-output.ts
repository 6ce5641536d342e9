/**
 * The terminal the prompts draw on, without colour: `--no-color` (and NO_COLOR) must reach the
 * prompts too, and @inquirer styles with its own colour library, which only reads the process
 * environment. Stripping SGR sequences (`ESC [ … m`) at the stream keeps every cursor movement
 * the prompts need and removes every colour, whatever style a prompt uses.
 */
import { Writable } from 'node:stream';

// eslint-disable-next-line no-control-regex -- an SGR sequence starts with ESC
const SGR = /\x1b\[[0-9;:]*m/g;

export function stripColour(text: string): string {
  return text.replace(SGR, '');
}

interface TerminalLike {
  write(chunk: string | Uint8Array): unknown;
  isTTY?: boolean;
  columns?: number;
  rows?: number;
  on?(event: 'resize', listener: () => void): unknown;
}

/** A stream that writes to `terminal` with colours removed, and reports its size like it. */
export function plainOutput(terminal: TerminalLike): NodeJS.WritableStream {
  const out = new Writable({
    decodeStrings: false,
    write(chunk: string | Buffer, _encoding, done) {
      terminal.write(stripColour(typeof chunk === 'string' ? chunk : chunk.toString('utf8')));
      done();
    },
  });
  for (const key of ['isTTY', 'columns', 'rows'] as const) {
    Object.defineProperty(out, key, { get: () => terminal[key], enumerable: true });
  }
  terminal.on?.('resize', () => out.emit('resize'));
  return out;
}
