import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { textOf } from '../../../src/core/text.js';
import { decodeForm, encodeForm, looksLikeForm, phpUrlencode, splitBracketKey } from '../../../src/core/php-form.js';

describe('PHP-bracket form encoding', () => {
  it('encodes like http_build_query: brackets percent-encoded, spaces as +', () => {
    expect(encodeForm({ type: 'message_new', object: { case_id: 21755012, content: 'Ok! (yes)', note: 0 } })).toBe(
      'type=message_new&object%5Bcase_id%5D=21755012&object%5Bcontent%5D=Ok%21+%28yes%29&object%5Bnote%5D=0',
    );
    expect(phpUrlencode("a~b*c'd")).toBe('a%7Eb%2Ac%27d');
  });

  it('round-trips Cyrillic, emoji, & = + % and newlines', () => {
    const value = {
      type: 'message_new',
      object: { content: 'Привет, мир! 👋🏽 a&b=c+d 100% «ёлка»\nвторая строка', custom_user_id: 'tg-1' },
    };
    const body = encodeForm(value);
    expect(body).not.toMatch(/[\s\u0400-\u04FF]/);
    expect(decodeForm(body)).toEqual(value);
  });

  it('decodes nested, list and unencoded bracket keys as PHP does', () => {
    expect(decodeForm('object[attachments][0][url]=http%3A%2F%2Fx&object[case_id]=5&tags[]=a&tags[]=b&flag')).toEqual({
      object: { attachments: { '0': { url: 'http://x' } }, case_id: '5' },
      tags: { '0': 'a', '1': 'b' },
      flag: '',
    });
  });

  it('gives null-prototype maps, so no key of a body is inherited', () => {
    const tree = decodeForm('a[b]=1');
    expect(Object.getPrototypeOf(tree)).toBeNull();
    expect(Object.getPrototypeOf(tree.a)).toBeNull();
    expect(decodeForm('x=1').toString).toBeUndefined();
  });

  it('keeps a stray % instead of losing the field', () => {
    expect(decodeForm('a=100%&b=%D0%9F%ZZ')).toEqual({ a: '100%', b: 'П%ZZ' });
  });

  it('splits bracket keys, and leaves malformed ones whole', () => {
    expect(splitBracketKey('object[content]')).toEqual(['object', 'content']);
    // As PHP's parse_str: trailing junk ignored, an unmatched bracket and dots become `_`, no name no field.
    expect(splitBracketKey('a[b]c')).toEqual(['a', 'b']);
    expect(splitBracketKey('a[b')).toEqual(['a_b']);
    expect(splitBracketKey('a.b[c.d]')).toEqual(['a_b', 'c.d']);
    expect(splitBracketKey('a.b[c]', { phpNames: false })).toEqual(['a.b', 'c']);
    expect(splitBracketKey('[x]')).toBeUndefined();
  });

  it('sniffs form bodies', () => {
    expect(looksLikeForm('type=message_new&object%5Bcase_id%5D=1')).toBe(true);
    expect(looksLikeForm('{"a":1}')).toBe(false);
    expect(looksLikeForm('hello world')).toBe(false);
  });
});

/**
 * The pair against PHP's rules, over generated values: `http_build_query` writes every leaf as
 * `a[b][c]=v` (true → 1, false → 0, numbers as text), skips null and drops empty arrays and
 * objects; a PHP receiver reads that back as nested arrays of strings.
 */
describe('PHP-bracket forms (properties)', () => {
  // Keys PHP cannot carry through brackets, and the keys the decoder must never write through.
  // (PHP also rewrites ` ` and `.` in a top-level name, and a leading space; kept out here.)
  const key = fc
    .string({ minLength: 1, maxLength: 6 })
    .filter((k) => !/[[\]. ]/.test(k) && !['__proto__', 'constructor', 'prototype'].includes(k));
  const leaf = fc.oneof(
    fc.string(),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc.constant(null),
  );
  const tree = fc.letrec<{ node: unknown }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small' },
      leaf,
      fc.array(tie('node'), { maxLength: 3 }),
      fc.dictionary(key, tie('node'), { maxKeys: 3 }),
    ),
  })).node;
  const body = fc.dictionary(key, tree, { maxKeys: 4 });

  /** What PHP reads back: leaves as text, lists as index-keyed maps, empty containers gone. */
  function asPhpReadsIt(value: unknown): unknown {
    if (value === true) return '1';
    if (value === false) return '0';
    if (value === null) return undefined;
    if (typeof value !== 'object') return textOf(value);
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const read = asPhpReadsIt(v);
      if (read !== undefined) out[k] = read;
    }
    return Object.keys(out).length === 0 ? undefined : out;
  }

  it('decode(encode(v)) is v as PHP reads it', () => {
    fc.assert(
      fc.property(body, (v) => {
        expect(decodeForm(encodeForm(v))).toEqual(asPhpReadsIt(v) ?? {});
      }),
      { numRuns: 500 },
    );
  });

  it('encodes into the characters of an RFC 1738 query only', () => {
    fc.assert(
      fc.property(body, (v) => {
        expect(encodeForm(v)).toMatch(/^[A-Za-z0-9\-_.%+=&]*$/);
      }),
      { numRuns: 300 },
    );
  });

  it('reads any text without throwing, the last of a repeated key winning', () => {
    fc.assert(
      fc.property(fc.string(), key, fc.string(), fc.string(), (text, k, a, b) => {
        expect(typeof decodeForm(text)).toBe('object');
        const name = phpUrlencode(k);
        expect(decodeForm(`${name}=${phpUrlencode(a)}&${name}=${phpUrlencode(b)}`)[k]).toBe(b);
      }),
      { numRuns: 300 },
    );
  });

  it('reads two bodies with different keys as their union, the same each time', () => {
    fc.assert(
      fc.property(body, body, (x, y) => {
        const a = encodeForm(x);
        const onlyY = Object.fromEntries(Object.entries(y).filter(([k]) => !(k in x)));
        const b = encodeForm(onlyY);
        const joined = [a, b].filter(Boolean).join('&');
        expect(decodeForm(joined)).toEqual({ ...decodeForm(a), ...decodeForm(b) });
        expect(decodeForm(joined)).toEqual(decodeForm(joined));
      }),
      { numRuns: 300 },
    );
  });

  it('reads a body the same after thousands of other keys went by', () => {
    const sample = 'type=message_new&object%5Bcase_id%5D=1&object%5Bcontent%5D=%D0%9F+%2B&tags[]=a&tags[]=b';
    const before = decodeForm(sample);
    for (let i = 0; i < 3000; i += 1) decodeForm(`k${i}%5Bx%5D=${i}&object%5Bcase_id%5D=${i}`);
    expect(decodeForm(sample)).toEqual(before);
    expect(before).toEqual({
      type: 'message_new',
      object: { case_id: '1', content: 'П +' },
      tags: { '0': 'a', '1': 'b' },
    });
  });
});

/**
 * Against real PHP: php-form.fixtures.json holds what PHP 8.2's http_build_query and parse_str
 * answered (regenerate with php-form-fixtures.php). This is also why the codec is ours and not
 * `qs`: qs 6.17 wrote 4 of the 9 encode cases differently (`(`, `)` and `~` left bare, null as
 * `n=`, booleans as true/false).
 */
describe('PHP-bracket forms (real PHP fixtures)', () => {
  interface Fixtures {
    encode: Array<{ name: string; input: Record<string, unknown>; php: string }>;
    decode: Array<{ body: string; php: unknown }>;
  }
  const fixtures = JSON.parse(readFileSync(new URL('./php-form.fixtures.json', import.meta.url), 'utf8')) as Fixtures;

  /** PHP's json_encode prints a list-shaped array as a JSON array; ours keeps index-keyed maps. */
  function asMaps(value: unknown): unknown {
    if (Array.isArray(value)) return Object.fromEntries(value.map((v, i) => [String(i), asMaps(v)]));
    if (value !== null && typeof value === 'object')
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asMaps(v)]));
    return value;
  }

  it.each(fixtures.encode.map((c) => [c.name, c] as const))('encodes %s as http_build_query does', (_name, c) => {
    expect(encodeForm(c.input)).toBe(c.php);
  });

  it.each(fixtures.decode.map((c) => [c.body, c] as const))('decodes %j as parse_str does', (_body, c) => {
    expect(decodeForm(c.body)).toEqual(asMaps(c.php));
  });
});
