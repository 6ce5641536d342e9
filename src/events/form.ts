/**
 * `application/x-www-form-urlencoded` with PHP bracket keys, the way Omnidesk (a PHP product)
 * posts a custom-channel reply: `type=message_new&object%5Bcase_id%5D=…`. Encoding mirrors PHP's
 * `http_build_query` (RFC 1738: spaces as `+`, brackets percent-encoded); decoding accepts what
 * any PHP or Laravel receiver accepts, so a body we produce reads back to the same object.
 */

export type FormValue = string | FormObject | FormValue[];
export interface FormObject {
  [key: string]: FormValue;
}

/** PHP `urlencode`: everything but `A-Za-z0-9-_.` is percent-encoded and a space becomes `+`. */
export function phpUrlencode(text: string): string {
  return encodeURIComponent(text)
    .replace(/[!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}

function scalar(value: unknown): string {
  if (value === true) return '1';
  if (value === false) return '0';
  if (value === null || value === undefined) return '';
  return String(value);
}

/** `{ type: 'x', object: { a: 1 } }` → `type=x&object%5Ba%5D=1`, keys in insertion order. */
export function encodeForm(value: Record<string, unknown>): string {
  const parts: string[] = [];
  const walk = (prefix: string, node: unknown): void => {
    if (node !== null && typeof node === 'object') {
      const entries = Array.isArray(node) ? node.map((v, i) => [String(i), v] as const) : Object.entries(node);
      for (const [k, v] of entries) walk(`${prefix}[${k}]`, v);
      return;
    }
    parts.push(`${phpUrlencode(prefix)}=${phpUrlencode(scalar(node))}`);
  };
  for (const [k, v] of Object.entries(value)) walk(k, v);
  return parts.join('&');
}

function decodeComponent(text: string): string {
  // Most keys and many values (`type=message_new`, ids) have nothing to decode.
  if (!text.includes('%')) return text.includes('+') ? text.replace(/\+/g, ' ') : text;
  const plain = text.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(plain);
  } catch {
    // A stray `%` must not lose the whole field: decode what can be decoded.
    return plain.replace(/(%[0-9a-fA-F]{2})+/g, (run) => {
      try {
        return decodeURIComponent(run);
      } catch {
        return run;
      }
    });
  }
}

/** `object[attachments][0][url]` → `['object', 'attachments', '0', 'url']`; `a[]` → `['a', '']`. */
export function splitBracketKey(key: string): string[] {
  const open = key.indexOf('[');
  if (open <= 0 || !key.endsWith(']')) return [key];
  const parts = [key.slice(0, open)];
  const rest = key.slice(open);
  const re = /\[([^\]]*)\]/gy;
  let consumed = 0;
  for (let m = re.exec(rest); m; m = re.exec(rest)) {
    parts.push(m[1]!);
    consumed = re.lastIndex;
  }
  return consumed === rest.length ? parts : [key];
}

/**
 * Raw key → its path. A sender posts the same few keys over and over (`object%5Bcase_id%5D`),
 * so each is decoded and split once; the cap bounds what a stream of odd keys can cost.
 */
const keyPaths = new Map<string, readonly string[]>();
const KEY_CACHE_LIMIT = 1024;

function keyPath(rawKey: string): readonly string[] {
  let path = keyPaths.get(rawKey);
  if (path === undefined) {
    path = splitBracketKey(decodeComponent(rawKey));
    if (keyPaths.size < KEY_CACHE_LIMIT) keyPaths.set(rawKey, path);
  }
  return path;
}

/** Decodes a form body into nested objects; the last value of a repeated key wins, as in PHP. */
export function decodeForm(body: string): FormObject {
  const root: FormObject = {};
  for (const pair of body.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const path = keyPath(eq === -1 ? pair : pair.slice(0, eq));
    const value = eq === -1 ? '' : decodeComponent(pair.slice(eq + 1));
    let node: FormObject = root;
    for (let i = 0; i < path.length - 1; i += 1) {
      const part = path[i] === '' ? String(Object.keys(node).length) : path[i]!;
      const next = node[part];
      if (next === undefined || typeof next !== 'object' || Array.isArray(next)) node[part] = {};
      node = node[part] as FormObject;
    }
    const last = path[path.length - 1]!;
    node[last === '' ? String(Object.keys(node).length) : last] = value;
  }
  return root;
}

/** True when a body plausibly is a form body (`k=v` pairs), for requests with no content type. */
export function looksLikeForm(body: string): boolean {
  const text = body.trim();
  // Encoded form bodies never hold raw whitespace: spaces travel as `+`.
  return /^[A-Za-z0-9_%.\-[\]]+=/.test(text) && !/\s/.test(text);
}
