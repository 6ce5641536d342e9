import { Io } from '../../src/core/io/io.js';

/** An Io whose streams are strings, for asserting what went to stdout and stderr. */
export function memoryIo(flags: { json?: boolean } = {}): { io: Io; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  const io = new Io(
    { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) }, stdin: {}, env: {} },
    flags,
  );
  return { io, out: () => out, err: () => err };
}
