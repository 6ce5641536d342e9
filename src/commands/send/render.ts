/** One text line per request: `#3  200  12 ms  {"result":"ok"}`. */
import type { Io } from '../../core/io/io.js';
import type { SendLine } from './run.js';

const CUT = 200;

export function responsePreview(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > CUT ? `${flat.slice(0, CUT - 1)}…` : flat;
}

export function renderSendLine(line: SendLine, io: Io, width: number): void {
  const n = `#${line.n}`.padEnd(width + 1);
  const ms = `${line.ms} ms`.padStart(8);
  if (line.error || line.status === null) {
    io.out(`${n}  ${io.c.red('ERR')}  ${ms}  ${line.error ?? 'no response'}`);
    return;
  }
  const ok = line.status >= 200 && line.status < 300;
  const status = ok ? io.c.green(String(line.status)) : io.c.red(String(line.status));
  const preview = responsePreview(line.response);
  io.out(`${n}  ${status}  ${ms}  ${preview || io.c.dim('(empty body)')}`);
}
