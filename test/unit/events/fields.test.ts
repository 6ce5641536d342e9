/**
 * eventValidator is the zod-free check detection runs on every request; the event's zod schema
 * (eventSchema) is its specification. Every field type, required or not, flat and nested, in
 * both encodings, over values of every JSON type and the odd ones senders produce.
 */
import { describe, expect, it } from 'vitest';
import { eventSchema, eventValidator } from '../../../src/events/fields.js';
import type { Encoding, FieldDef } from '../../../src/events/types.js';

const ODD_VALUES: unknown[] = [
  '',
  '0',
  '1',
  '-7',
  '12.5',
  'abc',
  'message_new',
  'другое',
  0,
  1,
  -1,
  2 ** 53,
  1.5,
  true,
  false,
  null,
  [],
  [1],
  {},
  { a: 1 },
  'true',
];

describe('eventValidator gives the zod schema’s verdict', () => {
  const types: Array<Pick<FieldDef, 'type' | 'const' | 'pattern'>> = [
    { type: 'string' },
    { type: 'string', pattern: '^\\d+$' },
    { type: 'integer' },
    { type: 'number' },
    { type: 'boolean' },
    { type: 'any' },
    { type: 'string', const: 'message_new' },
    { type: 'integer', const: 0 },
    { type: 'boolean', const: true },
  ];
  const values: unknown[] = [
    ...ODD_VALUES,
    undefined,
    'false',
    '-0',
    '00',
    '1e3',
    Number.NaN,
    Infinity,
    -0,
    2 ** 53 - 1,
    -(2 ** 53),
    'message_new ',
    new Date(0),
  ];
  for (const encoding of ['json', 'form'] as Encoding[]) {
    it(`for every field type, required or not, flat and nested (${encoding})`, () => {
      for (const t of types) {
        for (const required of [true, false]) {
          for (const name of ['a', 'o.a']) {
            const fields: FieldDef[] = [{ name, required, ...t }];
            const check = eventValidator({ fields }, encoding);
            const schema = eventSchema({ fields }, encoding);
            for (const v of values) {
              for (const body of name === 'a' ? [{ a: v }, {}] : [{ o: { a: v } }, { o: v }, {}]) {
                expect(check(body), `${JSON.stringify(t)} required=${required} ${name} ${String(v)}`).toBe(
                  schema.safeParse(body).success,
                );
              }
            }
            for (const odd of [null, [], 'x', 5]) expect(check(odd)).toBe(schema.safeParse(odd).success);
          }
        }
      }
    });
  }
});
