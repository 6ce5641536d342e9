/**
 * detectEvent against its specification (src/events/detect.ts), over generated bodies: samples
 * of every event, mutated (keys dropped, retyped, added, one level down too), re-encoded as JSON
 * or a form, sent with any of several content types. The rules:
 * 1. An event matches a body when every fixed value (`const`) it has agrees and at least half
 *    of its required fields (and at least one) are present.
 * 2. Of the matching events, the named one is the best: valid before invalid, then the larger
 *    share of required fields present, then more of them, then fewer unknown top-level keys,
 *    then catalog order. `candidates` lists every event as good as it, when there is more than one.
 * 3. `valid` is the named event's schema verdict for the encoding it accepts; `issues` say why not.
 * 4. No matching event: no name, invalid, with a reason. Bytes and the same text read the same.
 * Fixed fixtures below pin the cases a generator would rarely reach.
 */
import { textOf } from '../../../src/core/text.js';
import fc from 'fast-check';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  detectEvent,
  eventSchema,
  loadCatalog,
  renderSample,
  shippedCatalog,
  type Catalog,
} from '../../../src/events/catalog.js';
import { decodeBody } from '../../../src/events/decode.js';
import { encodeForm } from '../../../src/core/php-form.js';
import type { Encoding, EventDef } from '../../../src/events/types.js';
import { tempDir } from '../../helpers/temp-dir.js';

type Json = Record<string, unknown>;

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
const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/x-www-form-urlencoded',
  'text/plain',
  '',
  undefined,
];

function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function at(value: unknown, path: string): unknown {
  let node = value;
  for (const part of path.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Json)[part];
  }
  return node;
}

interface Match {
  event: EventDef;
  present: number;
  required: number;
  extra: number;
  valid: boolean;
}

/** Rule 1, and the facts rule 2 orders by. */
function match(event: EventDef, value: Json, encoding: Encoding): Match | undefined {
  let present = 0;
  let required = 0;
  for (const field of event.fields) {
    const v = at(value, field.name);
    if (field.required) required += 1;
    if (v === undefined) continue;
    // A map is never a fixed value (a decoded form map has no toString to compare with).
    const text = v === null ? 'null' : Array.isArray(v) ? v.join(',') : typeof v === 'object' ? undefined : textOf(v);
    if (field.const !== undefined && text !== String(field.const)) return undefined;
    if (field.required) present += 1;
  }
  if (required === 0 || present === 0 || present * 2 < required) return undefined;
  const known = new Set(event.fields.map((f) => f.name.split('.')[0]));
  const extra = Object.keys(value).filter((k) => !known.has(k)).length;
  const valid = event.accepts.includes(encoding) && eventSchema(event, encoding).safeParse(value).success;
  return { event, present, required, extra, valid };
}

/** Rule 2 as a comparison: negative when `a` is better. */
function compare(a: Match, b: Match): number {
  if (a.valid !== b.valid) return a.valid ? -1 : 1;
  return b.present / b.required - a.present / a.required || b.present - a.present || a.extra - b.extra;
}

const mutation = fc.record({
  op: fc.constantFrom('drop', 'retype', 'dropInner', 'retypeInner', 'add', 'half'),
  pick: fc.nat(),
  odd: fc.constantFrom(...ODD_VALUES),
});

function mutate(value: Json, m: { op: string; pick: number; odd: unknown }): Json {
  const out = structuredClone(value);
  const keys = Object.keys(out);
  if (m.op === 'add') return { ...out, [`extra_${m.pick % 3}`]: structuredClone(m.odd) };
  if (keys.length === 0) return out;
  const key = keys[m.pick % keys.length]!;
  if (m.op === 'drop') delete out[key];
  if (m.op === 'retype') out[key] = structuredClone(m.odd);
  if (m.op === 'half') return Object.fromEntries(keys.slice(0, Math.ceil(keys.length / 2)).map((k) => [k, out[k]]));
  const inner = out[key];
  if (inner && typeof inner === 'object' && !Array.isArray(inner)) {
    const innerKeys = Object.keys(inner);
    if (innerKeys.length === 0) return out;
    const innerKey = innerKeys[m.pick % innerKeys.length]!;
    if (m.op === 'dropInner') delete (inner as Json)[innerKey];
    else (inner as Json)[innerKey] = structuredClone(m.odd);
  }
  return out;
}

/** A body as a sender might post it: a sample of some event, maybe mutated and re-encoded. */
function bodies(catalog: Catalog) {
  return fc
    .record({
      event: fc.constantFrom(...catalog.events),
      which: fc.nat(),
      seed: fc.integer(),
      time: fc.integer({ min: 1_600_000_000_000, max: 1_900_000_000_000 }),
      mutations: fc.array(mutation, { maxLength: 3 }),
      as: fc.constantFrom<Encoding | 'same'>('same', 'json', 'form'),
      contentType: fc.constantFrom<string | undefined>('own', ...CONTENT_TYPES),
    })
    .map(({ event, which, seed, time, mutations, as, contentType }) => {
      const encoding = event.accepts[which % event.accepts.length]!;
      const sample = renderSample(event, { encoding, rng: seeded(seed), now: new Date(time) });
      const decoded = decodeBody(sample.contentType, sample.body);
      let body = sample.body;
      if (mutations.length > 0 || as !== 'same') {
        const value = mutations.reduce((v, m) => mutate(v, m), (decoded.ok ? decoded.value : {}) as Json);
        body = (as === 'same' ? encoding : as) === 'form' ? encodeForm(value) : JSON.stringify(value);
      }
      return { contentType: contentType === 'own' ? sample.contentType : contentType, body };
    });
}

function checkRules(catalog: Catalog, contentType: string | undefined, body: string): void {
  const result = detectEvent(contentType, body, catalog);
  expect(detectEvent(contentType, Buffer.from(body), catalog)).toEqual(result);
  if (result.valid) expect(result.event).not.toBeNull();
  expect(result.issues === undefined).toBe(result.valid);
  const decoded = decodeBody(contentType, body);
  if (!decoded.ok || decoded.value === null || typeof decoded.value !== 'object' || Array.isArray(decoded.value)) {
    if (decoded.ok) expect(result.event).toBeNull();
    return;
  }
  const value = decoded.value as Json;
  const matches = catalog.events
    .map((e) => match(e, value, decoded.encoding))
    .filter((m): m is Match => m !== undefined);
  if (matches.length === 0) {
    expect(result).toMatchObject({ event: null, valid: false, issues: ['body: matches no known event'] });
    return;
  }
  const named = matches.find((m) => m.event.name === result.event);
  expect(named, `${result.event} is named but does not match`).toBeDefined();
  expect(result.valid).toBe(named!.valid);
  for (const other of matches)
    expect(compare(other, named!), `${other.event.name} beats ${named!.event.name}`).toBeGreaterThanOrEqual(0);
  const tied = matches.filter((m) => compare(m, named!) === 0).map((m) => m.event.name);
  expect(tied[0]).toBe(result.event);
  expect(result.candidates).toEqual(tied.length > 1 ? tied : undefined);
}

describe('detectEvent (specification)', () => {
  const catalog = shippedCatalog();

  it('names every unmodified sample, valid, in its encoding', () => {
    fc.assert(
      fc.property(fc.constantFrom(...catalog.events), fc.nat(), fc.integer(), (event, which, seed) => {
        const encoding = event.accepts[which % event.accepts.length]!;
        const sample = renderSample(event, { encoding, rng: seeded(seed) });
        const result = detectEvent(sample.contentType, sample.body);
        expect(result.event === event.name || result.candidates?.includes(event.name)).toBe(true);
        expect(result).toMatchObject({ valid: true, encoding });
      }),
      { numRuns: 200 },
    );
  });

  it('follows the matching, ranking and validity rules for any body', () => {
    fc.assert(
      fc.property(bodies(catalog), ({ contentType, body }) => checkRules(catalog, contentType, body)),
      { numRuns: 600 },
    );
  });

  it('never throws on arbitrary bytes and content types, and names nothing it cannot read', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 200 }),
        fc.constantFrom(...CONTENT_TYPES, 'application/octet-stream'),
        (bytes, type) => {
          const result = detectEvent(type, Buffer.from(bytes));
          expect(typeof result.valid).toBe('boolean');
          if (!result.valid) expect(result.issues!.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 500 },
    );
  });

  describe('with user samples', () => {
    let dir: string;
    let cleanup: () => Promise<void>;
    beforeAll(async () => {
      ({ dir, cleanup } = await tempDir());
      await writeFile(
        join(dir, 'omnidesk.incoming.json'),
        JSON.stringify({
          provenance: 'captured',
          contentType: 'application/json',
          body: '{"id":214000111,"text":"Привет","client":{"id":5654846848}}',
        }),
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
        JSON.stringify({
          contentType: 'application/x-www-form-urlencoded',
          fields: [
            { name: 'flag', type: 'boolean', const: true },
            { name: 'case_id', type: 'integer' },
          ],
        }),
      );
    });
    afterAll(() => cleanup());

    it('follows the same rules over a catalog with a captured sample and events of every field type', async () => {
      const user = await loadCatalog(dir);
      expect(user.warnings).toEqual([]);
      fc.assert(
        fc.property(bodies(user), ({ contentType, body }) => checkRules(user, contentType, body)),
        { numRuns: 600 },
      );
    });

    it.each([
      ['{"kind":"order","order":{"id":1,"total":2.5,"paid":true,"sku":"AB-12"},"meta":null}', 'application/json', true],
      // A JSON boolean field takes 0 and 1 too (PHP senders), but not 2.
      ['{"kind":"order","order":{"id":1,"total":2.5,"paid":1,"sku":"AB-12"},"meta":null}', 'application/json', true],
      ['{"kind":"order","order":{"id":1,"total":2.5,"paid":2,"sku":"AB-12"},"meta":0}', 'application/json', false],
      ['{"kind":"order","order":{"id":1,"total":2.5,"paid":true,"sku":"ab-12"}}', 'application/json', false],
      [
        'kind=order&order[id]=1&order[total]=2.5&order[paid]=true&order[sku]=AB-1&meta=',
        'application/x-www-form-urlencoded',
        true,
      ],
      [
        'kind=order&order[id]=x&order[total]=2.&order[paid]=yes&order[sku]=AB-1',
        'application/x-www-form-urlencoded',
        false,
      ],
    ])('types every field of a user event: %s', async (body, type, valid) => {
      const user = await loadCatalog(dir);
      expect(detectEvent(type, body, user)).toMatchObject({ event: 'acme.order', valid });
      checkRules(user, type, body);
    });

    it.each([
      // A fixed value compares as text in a form: `true` is not `1`.
      ['flag=true&case_id=5', 'application/x-www-form-urlencoded', true],
      ['flag=1&case_id=5', 'application/x-www-form-urlencoded', false],
      ['{"flag":true,"case_id":5}', 'application/json', false],
    ])('a boolean const in a form: %s', async (body, type, valid) => {
      const user = await loadCatalog(dir);
      const result = detectEvent(type, body, user);
      expect(result.valid).toBe(valid);
      checkRules(user, type, body);
    });

    it('notices events replaced after the first detection', async () => {
      const user = await loadCatalog(dir);
      const body = '{"id":1,"text":"Другое","client":{"id":2}}';
      expect(detectEvent('application/json', body, user).event).toBe('omnidesk.incoming');
      user.events.splice(
        user.events.findIndex((e) => e.name === 'omnidesk.incoming'),
        1,
        shippedCatalog().get('omnidesk.incoming')!,
      );
      expect(detectEvent('application/json', body, user).event).toBeNull();
    });
  });
});

describe('detectEvent ranks overlapping events by the rules', () => {
  // Events over the same few keys, so that bodies match several at once and every tie-break counts.
  const events: Record<string, Array<Record<string, unknown>>> = {
    'rank.pq': [
      { name: 'p', type: 'string' },
      { name: 'q', type: 'integer' },
    ],
    'rank.pqrs': [
      { name: 'p', type: 'string' },
      { name: 'q', type: 'any' },
      { name: 'r', type: 'string' },
      { name: 's', type: 'boolean' },
    ],
    'rank.pr': [
      { name: 'p', type: 'string' },
      { name: 'r', type: 'string' },
      { name: 't', type: 'any', required: false },
    ],
    'rank.pt': [
      { name: 'p', type: 'any' },
      { name: 't', type: 'string' },
    ],
    'rank.kind': [
      { name: 'kind', type: 'string', const: 'k' },
      { name: 'p', type: 'string' },
      { name: 'o.q', type: 'integer' },
    ],
  };
  let dir: string;
  let cleanup: () => Promise<void>;
  let catalog: Catalog;
  beforeAll(async () => {
    ({ dir, cleanup } = await tempDir());
    for (const [name, fields] of Object.entries(events)) {
      await writeFile(
        join(dir, `${name}.json`),
        JSON.stringify({ contentType: 'application/json', accepts: ['json', 'form'], fields }),
      );
    }
    catalog = await loadCatalog(dir);
    expect(catalog.warnings).toEqual([]);
  });
  afterAll(() => cleanup());

  it('over bodies made of their keys', () => {
    const value = fc.constantFrom<unknown>('1', 1, 'x', true, 'k', { q: 1 }, null);
    const body = fc.dictionary(fc.constantFrom('p', 'q', 'r', 's', 't', 'kind', 'o', 'z'), value, { maxKeys: 8 });
    fc.assert(
      fc.property(body, fc.constantFrom<Encoding>('json', 'form'), (b, encoding) => {
        const text = encoding === 'form' ? encodeForm(b) : JSON.stringify(b);
        checkRules(catalog, encoding === 'form' ? 'application/x-www-form-urlencoded' : 'application/json', text);
      }),
      { numRuns: 800 },
    );
  });
});

describe('detectEvent (fixed fixtures)', () => {
  const incoming = { event: 'omnidesk.incoming', encoding: 'json' };
  it.each<[string, string | undefined, string, Record<string, unknown>, RegExp?]>([
    [
      'a number too large for a double',
      'application/json',
      '{"case_id":1e400,"case_description":"x","user_id":1}',
      { ...incoming, valid: false },
      /case_id/,
    ],
    [
      'an id past 2^53 (ids travel as strings)',
      'application/json',
      '{"case_id":9007199254740993,"case_description":"x","user_id":1}',
      { ...incoming, valid: false },
      /case_id/,
    ],
    [
      'an id with letters',
      'application/json',
      '{"case_id":"12a","case_description":"x","user_id":"1"}',
      { ...incoming, valid: false, summary: { caseId: '12a', userId: '1', text: 'x' } },
      /case_id/,
    ],
    [
      'a __proto__ key',
      'application/json',
      '{"__proto__":{"case_id":1},"case_description":"x","user_id":2}',
      { ...incoming, valid: false, summary: { userId: '2', text: 'x' } },
      /case_id/,
    ],
    [
      'message_new with a list for object',
      'application/json',
      '{"type":"message_new","object":[1,2]}',
      { event: null, valid: false },
    ],
    [
      'a fixed value of another type',
      'application/json',
      '{"type":5,"object":{"case_id":1}}',
      { event: null, valid: false, summary: { caseId: '1' } },
    ],
    [
      'a form with a stray %',
      'application/x-www-form-urlencoded',
      'a=100%&b=%D0%9F%ZZ&object[content]=%E2%9C%93+ok',
      { event: null, encoding: 'form', summary: { text: '✓ ok' } },
    ],
    [
      'a repeated fixed key (the last wins)',
      'application/x-www-form-urlencoded',
      'type=message_new&type=other&object[case_id]=1',
      { event: null, summary: { caseId: '1' } },
    ],
    [
      'a form body with no content type',
      undefined,
      'case_id=1&case_description=hi&user_id=2',
      { event: 'omnidesk.incoming', valid: true, encoding: 'form', summary: { caseId: '1', userId: '2', text: 'hi' } },
    ],
    [
      'a UTF-8 BOM',
      'application/json',
      '\uFEFF{"case_id":"1","case_description":"x","user_id":"2"}',
      { ...incoming, valid: true },
    ],
    [
      'JSON in spaces with no content type',
      undefined,
      '  {"case_id":"1","case_description":"x","user_id":"2"}\n',
      { ...incoming, valid: true },
    ],
    [
      'JSON sent as text/plain',
      'text/plain',
      '{"case_id":"1","case_description":"x","user_id":"2"}',
      { ...incoming, valid: true },
    ],
    [
      'HTML in a stranger',
      'application/json',
      '{"message":"<p>Где&nbsp;мой <b>заказ</b>?</p>\\n\\tещё","ticket_id":"1","customer_id":"2"}',
      { event: null, summary: { ticketId: '1', userId: '2', text: 'Где мой заказ? ещё' } },
    ],
    [
      'an unescaped quote and newline',
      'application/json',
      '{"case_id":"1","case_description":"он сказал "нет"\n","user_id":"2"}',
      { ...incoming, valid: false, summary: {} },
      /^body: invalid JSON/,
    ],
  ])('%s', (_what, type, body, expected, issue) => {
    const result = detectEvent(type, body);
    expect(result).toMatchObject(expected);
    if (issue) expect(result.issues!.join('\n')).toMatch(issue);
    checkRules(shippedCatalog(), type, body);
  });
});
