/**
 * Rewrites the values of an `application/x-www-form-urlencoded` body (or a query string) pair
 * by pair. Pairs that keep their value keep their exact bytes; a replaced value is encoded the
 * way PHP encodes forms (space as `+`), so a PHP-bracket body such as Omnidesk's
 * `object%5Bcontent%5D=…` still decodes to the same structure.
 */
import { decodeFormComponent as decode, phpUrlencode, splitBracketKey } from '../core/php-form.js';

export type FormVisitor = (value: string, key: string) => string | undefined;

/** `object[attachments][0][name]` → `name`; `a[]` → `a`; `user_name` → `user_name`. */
export function leafKey(name: string): string {
  const segments = (splitBracketKey(name, { phpNames: false }) ?? [name]).filter((s) => s !== '' && !/^\d+$/.test(s));
  return segments.at(-1) ?? name;
}

export function rewriteForm(text: string, visit: FormVisitor): string {
  if (text === '') return text;
  return text
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq === -1) return pair;
      const rawName = pair.slice(0, eq);
      const value = decode(pair.slice(eq + 1));
      const replaced = visit(value, leafKey(decode(rawName)));
      return replaced === undefined || replaced === value ? pair : `${rawName}=${phpUrlencode(replaced)}`;
    })
    .join('&');
}
