/**
 * "Copy as curl": the request as a shell command that sends the same method, headers and body.
 * Every piece is single-quoted for POSIX shells; masked secrets stay masked (the person pastes
 * the real value), so the command is safe to share.
 */
import { decodeBody, type CaptureRecord } from '../capture/record.js';
import { HOP_BY_HOP_HEADERS } from '../capture/headers.js';

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** `origin` is where the request went (the listener's own URL when it is not known). */
export function curlCommand(record: CaptureRecord, origin: string): string {
  const url = `${origin}${record.path}${record.query ? `?${record.query}` : ''}`;
  const parts = ['curl', '-X', record.method || 'POST', quote(url)];
  for (const [name, value] of Object.entries(record.headers)) {
    if (HOP_BY_HOP_HEADERS.has(name) || name === 'host' || name === 'content-length') continue;
    parts.push('-H', quote(`${name}: ${value}`));
  }
  if (record.bodyBase64 !== undefined) {
    parts.push('--data-binary', `@<(printf %s ${quote(record.bodyBase64)} | base64 -d)`);
  } else if (record.body) {
    parts.push('--data-binary', quote(decodeBody(record).toString('utf8')));
  }
  return parts.join(' ');
}
