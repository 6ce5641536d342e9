import { describe, expect, it } from 'vitest';
import { textOf } from '../../../src/core/text.js';

describe('textOf', () => {
  it.each([
    [undefined, ''],
    [null, ''],
    ['a b', 'a b'],
    [5, '5'],
    [false, 'false'],
    [{ a: 1 }, '{"a":1}'],
    [[1, 'x'], '[1,"x"]'],
    [Object.assign(Object.create(null) as object, { k: 'v' }), '{"k":"v"}'],
  ])('%j → %j', (value, text) => expect(textOf(value)).toBe(text));

  it('prints a bigint as digits', () => expect(textOf(10n)).toBe('10'));

  it('gives up quietly on a cycle', () => {
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    expect(textOf(loop)).toBe('');
  });
});
