/**
 * Rewrites the string (and number) values of a JSON document in place, token by token, so the
 * document keeps its formatting, key order and escapes — only the replaced literals change.
 * Parsing and re-serialising would reformat the whole body (PHP's `\uXXXX` escapes, the prescribed
 * unindented newlines), which makes a redacted capture needlessly unlike the real traffic.
 */

/** Returns a replacement for a value, or undefined to keep it. `key` is the field that holds it. */
export type JsonVisitor = (value: string | number, key: string | undefined) => string | number | undefined;

interface Frame {
  array: boolean;
  key?: string;
  expectKey: boolean;
}

function endOfString(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x5c) i++;
    else if (ch === 0x22) return i + 1;
  }
  return text.length;
}

const NUMBER = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** The field a value belongs to: its object's current key, or (inside arrays) the array's key. */
function governingKey(stack: Frame[]): string | undefined {
  for (let i = stack.length - 1; i >= 0; i--) {
    const frame = stack[i]!;
    if (!frame.array) return frame.key;
  }
  return undefined;
}

/** Undefined when `text` is not JSON (the caller then treats it as plain text). */
export function rewriteJson(text: string, visit: JsonVisitor): string | undefined {
  try {
    JSON.parse(text);
  } catch {
    return undefined;
  }
  const stack: Frame[] = [];
  let out = '';
  let last = 0;
  let i = 0;
  const splice = (from: number, to: number, replacement: string) => {
    out += text.slice(last, from) + replacement;
    last = to;
  };
  while (i < text.length) {
    const ch = text[i]!;
    const top = stack[stack.length - 1];
    if (ch === '"') {
      const end = endOfString(text, i);
      const value = JSON.parse(text.slice(i, end)) as string;
      if (top && !top.array && top.expectKey) {
        top.key = value;
      } else {
        const replaced = visit(value, governingKey(stack));
        if (replaced !== undefined && replaced !== value) splice(i, end, JSON.stringify(replaced));
      }
      i = end;
      continue;
    }
    if (ch === '-' || (ch >= '0' && ch <= '9')) {
      NUMBER.lastIndex = i;
      const match = NUMBER.exec(text);
      const end = match ? i + match[0].length : i + 1;
      if (match) {
        const replaced = visit(Number(match[0]), governingKey(stack));
        if (replaced !== undefined && String(replaced) !== match[0])
          splice(i, end, typeof replaced === 'string' ? JSON.stringify(replaced) : String(replaced));
      }
      i = end;
      continue;
    }
    if (ch === '{') stack.push({ array: false, expectKey: true });
    else if (ch === '[') stack.push({ array: true, expectKey: false });
    else if (ch === '}' || ch === ']') stack.pop();
    else if (ch === ':' && top) top.expectKey = false;
    else if (ch === ',' && top && !top.array) top.expectKey = true;
    i++;
  }
  return out + text.slice(last);
}
