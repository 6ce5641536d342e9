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
