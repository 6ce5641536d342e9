/**
 * The one PHP-style form codec (`object[case_id]=1&object[content]=…`), for everything that
 * speaks to or as a PHP product: Omnidesk's form webhooks, HelpDeskEddy's form bodies, the
 * sandboxes' request bodies, `listen`'s detection, `send`, `capture redact`.
 *
 * `encodeForm` writes what PHP's `http_build_query` writes (checked against real PHP 8.2 output
 * in test/unit/core/php-form.fixtures.json): keys and values through `urlencode` (space as `+`,
 * all but `A-Za-z0-9-_.` percent-encoded, `*` and `~` included), booleans as 1/0, null and
 * undefined skipped, empty lists and maps omitted. One known difference: PHP prints floats with
 * 14 significant digits, JavaScript with up to 17; no payload of ours carries such a float.
 *
 * `decodeForm` reads a body as PHP's `parse_str` does (same fixtures), into null-prototype maps,
 * with one deliberate exception: a path with a `__proto__`, `constructor` or `prototype` segment
 * is dropped, so no request body can reach `Object.prototype` (PHP keeps such keys; nothing we
 * emulate needs them). `a[]` appends at PHP's next free index; lists stay index-keyed maps.
 */

/** A decoded form: null-prototype maps of strings (or, from multipart bodies, file parts). */
export interface FormTree {
  [key: string]: unknown;
}

/** PHP's default `max_input_nesting_level`: a deeper field is dropped, as PHP drops it. */
const MAX_DEPTH = 64;
const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

/** True for a key no decoder, loader or path writer of ours may assign through. */
export function isForbiddenKey(key: string): boolean {
  return FORBIDDEN.has(key);
}

/** PHP `urlencode`: everything but `A-Za-z0-9-_.` is percent-encoded and a space becomes `+`. */
export function phpUrlencode(text: string): string {
  return encodeURIComponent(text)
    .replace(/[!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}

function isContainer(value: unknown): value is object {
  return value !== null && typeof value === 'object' && !(value instanceof Date) && !Buffer.isBuffer(value);
}

function scalar(value: unknown): string {
  if (value === true) return '1';
  if (value === false) return '0';
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

/** `{ type: 'x', object: { a: 1 } }` → `type=x&object%5Ba%5D=1`, keys in insertion order. */
export function encodeForm(value: object): string {
  const parts: string[] = [];
  const walk = (prefix: string, node: unknown): void => {
    if (node === null || node === undefined) return;
    if (isContainer(node)) {
      const entries = Array.isArray(node) ? node.map((v, i) => [String(i), v] as const) : Object.entries(node);
      for (const [k, v] of entries) walk(`${prefix}[${k}]`, v);
      return;
    }
    parts.push(`${phpUrlencode(prefix)}=${phpUrlencode(scalar(node))}`);
  };
  for (const [k, v] of Object.entries(value)) walk(k, v);
  return parts.join('&');
}

/**
 * One key or value: `+` is a space, `%XX` a byte. A stray `%` stays as it is (PHP keeps it
 * too), and bytes that are not UTF-8 are left encoded rather than losing the whole field.
 */
export function decodeFormComponent(text: string): string {
  if (!text.includes('%')) return text.includes('+') ? text.replace(/\+/g, ' ') : text;
  const plain = text.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(plain);
  } catch {
    return plain.replace(/(%[0-9a-fA-F]{2})+/g, (run) => {
      try {
        return decodeURIComponent(run);
      } catch {
        return run;
      }
    });
  }
}

/** PHP turns ` ` and `.` in a variable's name (and an unmatched `[`) into `_`. */
const mangle = (name: string) => name.replace(/[ .[]/g, '_');

/**
 * A decoded key → its path, as `parse_str` reads it: `object[attachments][0][url]` →
 * `['object', 'attachments', '0', 'url']`, `a[]` → `['a', '']`, `a[b]junk` → `['a', 'b']`,
 * `a[b` → `['a_b']`, `a.b` → `['a_b']`. Undefined when PHP would drop the field (`[x]`, `=v`).
 */
export function splitBracketKey(key: string, options: { phpNames?: boolean } = {}): string[] | undefined {
  // `--set` paths mix dots and brackets (`object[content]`, `a.b[c]`): they keep their names.
  const name = options.phpNames === false ? key : key.replace(/^ +/, '');
  const fix = options.phpNames === false ? (n: string) => n : mangle;
  const open = name.indexOf('[');
  if (open === -1) return name === '' ? undefined : [fix(name)];
  if (open === 0) return undefined;
  if (name.indexOf(']', open) === -1) return [fix(name)];
  const parts = [fix(name.slice(0, open))];
  let at = open;
  while (name[at] === '[') {
    const close = name.indexOf(']', at + 1);
    if (close === -1) break;
    parts.push(name.slice(at + 1, close));
    at = close + 1;
  }
  return parts;
}

/** A map the decoder made (as opposed to a value placed in it, such as an uploaded file). */
export function isFormTree(value: unknown): value is FormTree {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === null;
}

export function newFormTree(): FormTree {
  return Object.create(null) as FormTree;
}

/** PHP's next free index of a map: one past its largest integer key, 0 when it has none. */
function nextIndex(node: FormTree): string {
  let next = 0;
  for (const k of Object.keys(node)) if (/^(?:0|[1-9]\d{0,15})$/.test(k)) next = Math.max(next, Number(k) + 1);
  return String(next);
}

/**
 * Puts a value at a path (from `splitBracketKey`) the way PHP does: a later value wins, a scalar
 * in the way of a deeper key is replaced by a map, `''` appends. Paths through `__proto__`,
 * `constructor` or `prototype`, or deeper than PHP allows, are dropped. Returns whether it stored.
 */
export function placeFormValue(root: FormTree, path: readonly string[] | undefined, value: unknown): boolean {
  if (!path || path.length === 0 || path.length > MAX_DEPTH + 1 || path.some(isForbiddenKey)) return false;
  let node = root;
  for (let i = 0; i < path.length - 1; i += 1) {
    const part = path[i] === '' ? nextIndex(node) : path[i]!;
    let next = node[part];
    if (!isFormTree(next)) {
      next = newFormTree();
      node[part] = next;
    }
    node = next as FormTree;
  }
  const last = path[path.length - 1]!;
  node[last === '' ? nextIndex(node) : last] = value;
  return true;
}

/**
 * Raw key → its path. A sender posts the same few keys over and over (`object%5Bcase_id%5D`),
 * so each is decoded and split once; the cap bounds what a stream of odd keys can cost.
 */
const keyPaths = new Map<string, readonly string[] | undefined>();
const KEY_CACHE_LIMIT = 1024;

function keyPath(rawKey: string): readonly string[] | undefined {
  if (keyPaths.has(rawKey)) return keyPaths.get(rawKey);
  const path = splitBracketKey(decodeFormComponent(rawKey));
  if (keyPaths.size < KEY_CACHE_LIMIT) keyPaths.set(rawKey, path);
  return path;
}

/** Decodes a form body (or a query string) into nested null-prototype maps of strings. */
export function decodeForm(body: string): FormTree {
  const root = newFormTree();
  for (const pair of body.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const path = keyPath(eq === -1 ? pair : pair.slice(0, eq));
    placeFormValue(root, path, eq === -1 ? '' : decodeFormComponent(pair.slice(eq + 1)));
  }
  return root;
}

/** True when a body plausibly is a form body (`k=v` pairs), for requests with no content type. */
export function looksLikeForm(body: string): boolean {
  const text = body.trim();
  // Encoded form bodies never hold raw whitespace: spaces travel as `+`.
  return /^[A-Za-z0-9_%.\-[\]]+=/.test(text) && !/\s/.test(text);
}
