/**
 * The planned detector (src/events/detect.ts) must answer exactly as the straightforward one it
 * replaced (kept in ./reference/ as the oracle): same event, verdict, issues, candidates and
 * summary for every body — valid samples, mutated ones, wrong content types, broken JSON, odd
 * forms — over the shipped catalog and over catalogs with user samples of every field type.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectEvent, loadCatalog, renderSample, shippedCatalog, type Catalog } from '../../../src/events/catalog.js';
import { eventSchema, eventValidator } from '../../../src/events/fields.js';
import { decodeForm, encodeForm } from '../../../src/events/form.js';
import type { Encoding, FieldDef } from '../../../src/events/types.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { detectEvent as referenceDetect } from './reference/detect.js';
import { decodeForm as referenceDecodeForm } from './reference/form.js';

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ODD_VALUES: unknown[] = ['', '0', '1', '-7', '12.5', 'abc', 'message_new', 'другое', 0, 1, -1, 2 ** 53, 1.5, true, false, null, [], [1], {}, { a: 1 }, 'true'];

type Json = Record<string, unknown>;

/** Mutations of a decoded body: drop, retype or add a key, at the top or one level down. */
function mutations(value: Json, random: () => number): Json[] {
  const out: Json[] = [];
  const clone = () => structuredClone(value);
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!;
  const keys = Object.keys(value);
  for (const key of keys) {
    const dropped = clone();
    delete dropped[key];
    out.push(dropped);
    const retyped = clone();
    retyped[key] = pick(ODD_VALUES);
    out.push(retyped);
    const inner = value[key];
    if (inner && typeof inner === 'object' && !Array.isArray(inner)) {
      for (const innerKey of Object.keys(inner)) {
        const a = clone();
        delete (a[key] as Json)[innerKey];
        out.push(a);
        const b = clone();
        (b[key] as Json)[innerKey] = pick(ODD_VALUES);
        out.push(b);
      }
    }
  }
  out.push({ ...clone(), extra_key: 'x', another: 2 });
  out.push(Object.fromEntries(keys.slice(0, Math.ceil(keys.length / 2)).map((k) => [k, value[k]])));
  out.push(Object.fromEntries(keys.slice(Math.floor(keys.length / 2)).map((k) => [k, value[k]])));
  return out;
}

const CONTENT_TYPES = ['application/json', 'application/json; charset=utf-8', 'application/x-www-form-urlencoded', 'text/plain', '', undefined];

function corpus(catalog: Catalog, seed: number): Array<[string | undefined, string | Buffer]> {
  const random = rng(seed);
  const cases: Array<[string | undefined, string | Buffer]> = [];
  for (const event of catalog.events) {
    for (const encoding of event.accepts) {
      for (let i = 0; i < 3; i += 1) {
        const sample = renderSample(event, { encoding, rng: random, now: new Date(1_714_557_600_000 + i * 1000) });
        cases.push([sample.contentType, sample.body], [sample.contentType, Buffer.from(sample.body)]);
        const decoded = encoding === 'form' ? decodeForm(sample.body) : (JSON.parse(sample.body) as Json);
        for (const mutated of mutations(decoded as Json, random)) {
          const json = JSON.stringify(mutated);
          const form = encodeForm(mutated);
          for (const type of CONTENT_TYPES) cases.push([type, json], [type, form]);
        }
        // A value a naive template substitution broke: invalid JSON, keys still readable.
        cases.push(['application/json', sample.body.replace(/"([^"]*)"\s*}$/, '"он сказал "нет"\n"}')]);
        cases.push(['application/json', `\uFEFF${sample.body}`], [undefined, `  ${sample.body}\n`]);
      }
    }
  }
  cases.push(
    ['application/json', '{"hello":"world"}'],
    ['application/json', 'not json at all'],
    ['application/json', '[1,2,3]'],
    ['application/json', 'null'],
    ['application/json', '{"case_id":1e400,"case_description":"x","user_id":1}'],
    ['application/json', '{"case_id":9007199254740993,"case_description":"x","user_id":1}'],
    ['application/json', '{"case_id":"12a","case_description":"x","user_id":"1"}'],
    ['application/json', '{"__proto__":{"case_id":1},"case_description":"x","user_id":2}'],
    ['application/json', '{"type":"message_new","object":[1,2]}'],
    ['application/json', '{"type":"message_new","object":"x"}'],
    ['application/json', '{"type":5,"object":{"case_id":1}}'],
    ['application/x-www-form-urlencoded', 'type=message_new&object[case_id]=1&object[user_id]=2&object[content]=a+b%20c'],
    ['application/x-www-form-urlencoded', 'type=message_new&object%5Bcase_id%5D=1.5&object%5Bnote%5D=yes&tags[]=a&tags[]=b&flag'],
    ['application/x-www-form-urlencoded', 'a=100%&b=%D0%9F%ZZ&object[content]=%E2%9C%93+ok'],
    ['application/x-www-form-urlencoded', 'type=message_new&type=other&object[case_id]=1'],
    [undefined, 'case_id=1&case_description=hi&user_id=2'],
    [undefined, ''],
    ['application/octet-stream', Buffer.from([0xff, 0xfe, 0x00, 0x81])],
    ['text/plain', 'hello world'],
    ['application/json', '{"message":"<p>Где&nbsp;мой <b>заказ</b>?</p>\\n\\tещё","ticket_id":"1","customer_id":"2"}'],
  );
  return cases;
}

function expectSame(catalog: Catalog | undefined, cases: Array<[string | undefined, string | Buffer]>): void {
  let named = 0;
  for (const [type, body] of cases) {
    const expected = catalog ? referenceDetect(type, body, catalog) : referenceDetect(type, body);
    const actual = catalog ? detectEvent(type, body, catalog) : detectEvent(type, body);
    expect(actual, `${type} ${String(body)}`).toEqual(expected);
    if (expected.event) named += 1;
  }
  // The corpus must exercise matches, not only strangers.
  expect(named).toBeGreaterThan(cases.length / 4);
}

describe('detectEvent answers as the reference detector', () => {
  it('over the shipped catalog', () => {
    expectSame(undefined, corpus(shippedCatalog(), 1));
    expectSame(shippedCatalog(), corpus(shippedCatalog(), 2));
  });

  describe('with user samples', () => {
    let dir: string;
    let cleanup: () => Promise<void>;
    beforeAll(async () => {
      ({ dir, cleanup } = await tempDir());
      await writeFile(
        join(dir, 'omnidesk.incoming.json'),
        JSON.stringify({ provenance: 'captured', contentType: 'application/json', body: '{"id":214000111,"text":"Привет","client":{"id":5654846848}}' }),
      );
      await writeFile(
        join(dir, 'acme.order.json'),
        JSON.stringify({
          contentType: 'application/json',
          accepts: ['json', 'form'],
          fields: [
            { name: 'kind', type: 'string', const: 'order' },
            { name: 'order.id', type: 'integer', summary: 'caseId' },
            { name: 'order.total', type: 'number' },
            { name: 'order.paid', type: 'boolean' },
            { name: 'order.note', type: 'string', required: false, summary: 'text' },
            { name: 'order.sku', type: 'string', pattern: '^[A-Z]{2}-\\d+$' },
            { name: 'meta', type: 'any' },
            { name: 'opt', type: 'any', required: false },
            { name: 'user_id', type: 'integer', required: false, summary: 'userId' },
          ],
        }),
      );
      await writeFile(
        join(dir, 'acme.flag.json'),
        JSON.stringify({ contentType: 'application/x-www-form-urlencoded', fields: [{ name: 'flag', type: 'boolean', const: true }, { name: 'case_id', type: 'integer' }] }),
      );
    });
    afterAll(() => cleanup());

    it('over a catalog with a captured sample and events of every field type', async () => {
      const catalog = await loadCatalog(dir);
      expect(catalog.warnings).toEqual([]);
      expectSame(catalog, corpus(catalog, 3));
      expectSame(catalog, [
        ['application/json', '{"kind":"order","order":{"id":1,"total":2.5,"paid":1,"sku":"AB-12"},"meta":null}'],
        ['application/json', '{"kind":"order","order":{"id":1,"total":2.5,"paid":2,"sku":"AB-12"},"meta":0}'],
        ['application/json', '{"kind":"order","order":{"id":1,"total":2.5,"paid":true,"sku":"ab-12"}}'],
        ['application/x-www-form-urlencoded', 'kind=order&order[id]=1&order[total]=2.5&order[paid]=true&order[sku]=AB-1&meta='],
        ['application/x-www-form-urlencoded', 'kind=order&order[id]=x&order[total]=2.&order[paid]=yes&order[sku]=AB-1'],
        ['application/x-www-form-urlencoded', 'flag=1&case_id=5'],
        ['application/x-www-form-urlencoded', 'flag=true&case_id=5'],
        ['application/json', '{"flag":true,"case_id":5}'],
      ]);
    });

    it('notices events replaced after the first detection', async () => {
      const catalog = await loadCatalog(dir);
      const body = '{"id":1,"text":"Другое","client":{"id":2}}';
      expect(detectEvent('application/json', body, catalog).event).toBe('omnidesk.incoming');
      catalog.events.splice(catalog.events.findIndex((e) => e.name === 'omnidesk.incoming'), 1, shippedCatalog().get('omnidesk.incoming')!);
      expect(detectEvent('application/json', body, catalog)).toEqual(referenceDetect('application/json', body, catalog));
    });
  });
});

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
  const values: unknown[] = [...ODD_VALUES, undefined, 'false', '-0', '00', '1e3', Number.NaN, Infinity, -0, 2 ** 53 - 1, -(2 ** 53), 'message_new ', new Date(0)];
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
                expect(check(body), `${JSON.stringify(t)} required=${required} ${name} ${String(v)}`).toBe(schema.safeParse(body).success);
              }
            }
            for (const odd of [null, [], 'x', 5]) expect(check(odd)).toBe(schema.safeParse(odd).success);
          }
        }
      }
    });
  }
});

describe('decodeForm with cached keys', () => {
  it('decodes as before, however often a key repeats', () => {
    const bodies = [
      'type=message_new&object%5Bcase_id%5D=1&object%5Bcontent%5D=%D0%9F%D1%80%D0%B8+%F0%9F%98%80',
      'object[attachments][0][url]=http%3A%2F%2Fx&object[case_id]=5&tags[]=a&tags[]=b&flag',
      'a=100%&b=%D0%9F%ZZ&a%5B=1&%5Bx%5D=2&a[b]c=3&plus+key=+v+',
      'tags[]=c&tags[]=d&tags[]=e',
    ];
    for (let round = 0; round < 3; round += 1) for (const body of bodies) expect(decodeForm(body)).toEqual(referenceDecodeForm(body));
  });
});
