import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeForm, encodeForm, looksLikeForm, phpUrlencode, splitBracketKey } from '../../../src/events/form.js';

describe('PHP-bracket form encoding', () => {
  it('encodes like http_build_query: brackets percent-encoded, spaces as +', () => {
    expect(encodeForm({ type: 'message_new', object: { case_id: 21755012, content: 'Ok! (yes)', note: 0 } })).toBe(
      'type=message_new&object%5Bcase_id%5D=21755012&object%5Bcontent%5D=Ok%21+%28yes%29&object%5Bnote%5D=0',
    );
    expect(phpUrlencode("a~b*c'd")).toBe('a%7Eb%2Ac%27d');
  });

  it('round-trips Cyrillic, emoji, & = + % and newlines', () => {
    const value = { type: 'message_new', object: { content: 'Привет, мир! 👋🏽 a&b=c+d 100% «ёлка»\nвторая строка', custom_user_id: 'tg-1' } };
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

  it('keeps a stray % instead of losing the field', () => {
    expect(decodeForm('a=100%&b=%D0%9F%ZZ')).toEqual({ a: '100%', b: 'П%ZZ' });
  });

  it('splits bracket keys, and leaves malformed ones whole', () => {
    expect(splitBracketKey('object[content]')).toEqual(['object', 'content']);
    expect(splitBracketKey('a[b]c')).toEqual(['a[b]c']);
    expect(splitBracketKey('[x]')).toEqual(['[x]']);
  });

  it('sniffs form bodies', () => {
    expect(looksLikeForm('type=message_new&object%5Bcase_id%5D=1')).toBe(true);
    expect(looksLikeForm('{"a":1}')).toBe(false);
    expect(looksLikeForm('hello world')).toBe(false);
  });
});

/**
 * The pair against PHP's rules, over generated values: `http_build_query` writes every leaf as
 * `a[b][c]=v` (true → 1, false → 0, null → empty, numbers as text) and drops empty arrays and
 * objects; a PHP receiver reads that back as nested arrays of strings.
 */
describe('PHP-bracket forms (properties)', () => {
  // Keys PHP cannot carry through brackets, and the keys the decoder must never write through.
  const key = fc.string({ minLength: 1, maxLength: 6 }).filter((k) => !/[[\]]/.test(k) && !['__proto__', 'constructor', 'prototype'].includes(k));
  const leaf = fc.oneof(fc.string(), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null));
  const tree = fc.letrec<{ node: unknown }>((tie) => ({
    node: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('node'), { maxLength: 3 }), fc.dictionary(key, tie('node'), { maxKeys: 3 })),
  })).node;
  const body = fc.dictionary(key, tree, { maxKeys: 4 });

  /** What PHP reads back: leaves as text, lists as index-keyed maps, empty containers gone. */
  function asPhpReadsIt(value: unknown): unknown {
    if (value === true) return '1';
    if (value === false) return '0';
    if (value === null) return '';
    if (typeof value !== 'object') return String(value);
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as object)) {
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
    expect(before).toEqual({ type: 'message_new', object: { case_id: '1', content: 'П +' }, tags: { '0': 'a', '1': 'b' } });
  });
});
