/**
 * Body bytes → a value to match against the catalog. The content type decides when it is
 * clear; with no content type (or a wrong one, which real senders do) the bytes are sniffed.
 */
import { decodeForm, looksLikeForm } from '../core/php-form.js';
import type { Encoding } from './types.js';

export type Decoded =
  { ok: true; encoding: Encoding; value: unknown } | { ok: false; encoding?: Encoding; error: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });

function toText(body: Buffer | string): string | undefined {
  if (typeof body === 'string') return body;
  try {
    return utf8.decode(body);
  } catch {
    return undefined;
  }
}

function parseJson(text: string): Decoded {
  try {
    // A UTF-8 BOM is legal in the wild and harmless to drop.
    return {
      ok: true,
      encoding: 'json',
      value: JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) as unknown,
    };
  } catch (err) {
    return { ok: false, encoding: 'json', error: `invalid JSON: ${(err as Error).message}` };
  }
}

export function decodeBody(contentType: string | undefined, body: Buffer | string): Decoded {
  const text = toText(body);
  if (text === undefined) return { ok: false, error: 'the body is not UTF-8 text' };
  if (isBlank(text)) return { ok: false, error: 'the body is empty' };
  const type = (contentType ?? '').toLowerCase();
  if (type.includes('json')) return parseJson(text);
  if (type.includes('x-www-form-urlencoded')) return { ok: true, encoding: 'form', value: decodeForm(text) };
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) return parseJson(text);
  if (looksLikeForm(text)) return { ok: true, encoding: 'form', value: decodeForm(text.trim()) };
  return { ok: false, error: `neither JSON nor a form body (content type: ${contentType || 'none'})` };
}

/**
 * The keys of a JSON object body that does not parse (HelpDeskEddy may substitute a quote or a
 * newline unescaped, reference hde §4.3), so detection can still name the event and flag it.
 */
export function salvageJsonKeys(text: string): string[] {
  const keys: string[] = [];
  for (const m of text.matchAll(/(?:^|[{,\n])\s*"([A-Za-z_][A-Za-z0-9_]*)"\s*:/g))
    if (!keys.includes(m[1]!)) keys.push(m[1]!);
  return keys;
}

/** `text.trim() === ''` without copying the text (this runs on every request listen gets). */
function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    // ASCII whitespace trim() removes; anything else is settled by trim() on what is left.
    if (c === 0x20 || (c >= 0x09 && c <= 0x0d)) continue;
    return c < 0x80 ? false : text.slice(i).trim() === '';
  }
  return true;
}
