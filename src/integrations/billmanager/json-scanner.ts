/**
 * A small JSON parser that keeps positions. JSON.parse silently keeps the last of two equal
 * keys and reports errors by offset only; the lint of custom_fields_values.json must point at
 * the duplicate and at the broken byte by line and column, so it parses the raw text itself.
 * It accepts exactly what JSON.parse accepts (RFC 8259), plus a leading BOM.
 */

export interface Pos {
  offset: number;
  /** 1-based. */
  line: number;
  /** 1-based, in UTF-16 code units like most editors. */
  col: number;
}

export interface JsonMember {
  key: string;
  keyPos: Pos;
  value: JsonNode;
}

export type JsonNode =
  | { type: 'object'; pos: Pos; members: JsonMember[] }
  | { type: 'array'; pos: Pos; items: JsonNode[] }
  | { type: 'string'; pos: Pos; value: string }
  | { type: 'number'; pos: Pos; value: number }
  | { type: 'boolean'; pos: Pos; value: boolean }
  | { type: 'null'; pos: Pos };

export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly pos: Pos,
  ) {
    super(message);
    this.name = 'JsonSyntaxError';
  }
}

const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

function describeChar(ch: string | undefined): string {
  if (ch === undefined) return 'end of file';
  if (ch === '\n') return 'end of line';
  if (ch.charCodeAt(0) < 0x20)
    return `control character U+${ch.charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()}`;
  return `"${ch}"`;
}

class Scanner {
  private i = 0;
  /** Offsets where each line starts, filled as the scanner passes newlines. */
  private lineStarts = [0];

  constructor(private readonly text: string) {
    if (text.charCodeAt(0) === 0xfeff) this.i = 1;
  }

  pos(offset = this.i): Pos {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { offset, line: lo + 1, col: offset - this.lineStarts[lo]! + 1 };
  }

  private fail(message: string, offset = this.i): never {
    throw new JsonSyntaxError(message, this.pos(offset));
  }

  private newlineAt(offset: number): void {
    if (this.lineStarts[this.lineStarts.length - 1]! < offset + 1) this.lineStarts.push(offset + 1);
  }

  private skipWhitespace(): void {
    for (;;) {
      const ch = this.text[this.i];
      if (ch === ' ' || ch === '\t' || ch === '\r') this.i++;
      else if (ch === '\n') {
        this.newlineAt(this.i);
        this.i++;
      } else if (ch === '/' && (this.text[this.i + 1] === '/' || this.text[this.i + 1] === '*')) {
        this.fail('comments are not allowed in JSON');
      } else return;
    }
  }

  parseDocument(): JsonNode {
    this.skipWhitespace();
    if (this.i >= this.text.length) this.fail('the file is empty; expected a JSON object');
    const node = this.parseValue();
    this.skipWhitespace();
    if (this.i < this.text.length)
      this.fail(`unexpected ${describeChar(this.text[this.i])} after the end of the JSON value`);
    return node;
  }

  private parseValue(): JsonNode {
    this.skipWhitespace();
    const ch = this.text[this.i];
    const pos = this.pos();
    if (ch === '{') return this.parseObject(pos);
    if (ch === '[') return this.parseArray(pos);
    if (ch === '"') return { type: 'string', pos, value: this.parseString() };
    if (ch === '-' || (ch !== undefined && ch >= '0' && ch <= '9'))
      return { type: 'number', pos, value: this.parseNumber() };
    for (const [word, node] of [
      ['true', { type: 'boolean', pos, value: true }],
      ['false', { type: 'boolean', pos, value: false }],
      ['null', { type: 'null', pos }],
    ] as const) {
      if (this.text.startsWith(word, this.i)) {
        this.i += word.length;
        return node;
      }
    }
    if (ch === "'") this.fail('strings must use double quotes (")');
    if (ch === '}' || ch === ']') this.fail(`unexpected ${describeChar(ch)}; expected a value (a trailing comma?)`);
    this.fail(`unexpected ${describeChar(ch)}; expected a value`);
  }

  private parseObject(pos: Pos): JsonNode {
    this.i++;
    const members: JsonMember[] = [];
    this.skipWhitespace();
    if (this.text[this.i] === '}') {
      this.i++;
      return { type: 'object', pos, members };
    }
    for (;;) {
      this.skipWhitespace();
      const ch = this.text[this.i];
      if (ch === '}') this.fail('unexpected "}" after ","; trailing commas are not allowed in JSON');
      if (ch !== '"') this.fail(`expected a key in double quotes, found ${describeChar(ch)}`);
      const keyPos = this.pos();
      const key = this.parseString();
      this.skipWhitespace();
      if (this.text[this.i] !== ':')
        this.fail(`expected ":" after the key "${key}", found ${describeChar(this.text[this.i])}`);
      this.i++;
      const value = this.parseValue();
      members.push({ key, keyPos, value });
      this.skipWhitespace();
      const next = this.text[this.i];
      if (next === ',') {
        this.i++;
        continue;
      }
      if (next === '}') {
        this.i++;
        return { type: 'object', pos, members };
      }
      if (next === '"') this.fail('expected "," or "}" before the next key (a missing comma?)');
      this.fail(`expected "," or "}" in the object opened at line ${pos.line}, found ${describeChar(next)}`);
    }
  }

  private parseArray(pos: Pos): JsonNode {
    this.i++;
    const items: JsonNode[] = [];
    this.skipWhitespace();
    if (this.text[this.i] === ']') {
      this.i++;
      return { type: 'array', pos, items };
    }
    for (;;) {
      this.skipWhitespace();
      if (this.text[this.i] === ']') this.fail('unexpected "]" after ","; trailing commas are not allowed in JSON');
      items.push(this.parseValue());
      this.skipWhitespace();
      const next = this.text[this.i];
      if (next === ',') {
        this.i++;
        continue;
      }
      if (next === ']') {
        this.i++;
        return { type: 'array', pos, items };
      }
      this.fail(`expected "," or "]" in the array opened at line ${pos.line}, found ${describeChar(next)}`);
    }
  }

  private parseString(): string {
    const start = this.i;
    this.i++;
    let out = '';
    for (;;) {
      const ch = this.text[this.i];
      if (ch === undefined) this.fail('unterminated string (missing closing ")', start);
      if (ch === '"') {
        this.i++;
        return out;
      }
      if (ch === '\n') this.fail('unterminated string: a line break inside a string must be written as \\n');
      if (ch < ' ') this.fail(`${describeChar(ch)} inside a string; escape it`);
      if (ch === '\\') {
        const esc = this.text[this.i + 1];
        if (esc === 'u') {
          const hex = this.text.slice(this.i + 2, this.i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('invalid \\u escape: expected four hex digits');
          out += String.fromCharCode(parseInt(hex, 16));
          this.i += 6;
        } else if (esc !== undefined && esc in ESCAPES) {
          out += ESCAPES[esc];
          this.i += 2;
        } else {
          this.fail(`invalid escape \\${esc ?? ''} in a string`);
        }
        continue;
      }
      out += ch;
      this.i++;
    }
  }

  private parseNumber(): number {
    const m = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(this.text.slice(this.i, this.i + 400));
    if (!m) this.fail('invalid number');
    const after = this.text[this.i + m[0].length];
    if (after !== undefined && /[0-9.eE]/.test(after)) this.fail('invalid number', this.i + m[0].length);
    this.i += m[0].length;
    return Number(m[0]);
  }
}

/** Parses JSON text; throws JsonSyntaxError with the line and column of the first problem. */
export function parseJsonWithPositions(text: string): JsonNode {
  return new Scanner(text).parseDocument();
}

/** Line and column of an offset, for problems found after parsing (e.g. invalid UTF-8). */
export function positionOf(text: string, offset: number): Pos {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { offset, line, col: offset - lineStart + 1 };
}
