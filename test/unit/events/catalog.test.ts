import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeBody } from '../../../src/events/decode.js';
import { eventSchema, findEvent, loadCatalog, renderSample, shippedCatalog } from '../../../src/events/catalog.js';
import { seedBody, seedTags } from '../../../src/helpdesks/helpdeskeddy/dispatcher-body.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { UsageError } from '../../../src/core/errors.js';

const SHIPPED = [
  'helpdeskeddy.new_reply',
  'helpdeskeddy.new_ticket',
  'omnidesk.changed',
  'omnidesk.incoming',
  'omnidesk.message_new',
];

describe('shipped catalog', () => {
  it('has the five events of DESIGN §6 with provenance and content types', () => {
    const catalog = shippedCatalog();
    expect(catalog.events.map((e) => e.name)).toEqual(SHIPPED);
    const by = (n: string) => catalog.get(n)!;
    expect(by('omnidesk.incoming').provenance).toBe('observed');
    expect(by('omnidesk.changed').provenance).toBe('observed');
    expect(by('omnidesk.incoming').accepts).toEqual(['json', 'form']);
    expect(by('omnidesk.message_new').provenance).toBe('documented');
    expect(by('omnidesk.message_new').contentType).toBe('application/x-www-form-urlencoded');
    expect(by('omnidesk.message_new').accepts).toEqual(['form', 'json']);
    expect(by('helpdeskeddy.new_ticket').provenance).toBe('prescribed');
    for (const e of catalog.events) expect(e.description.length).toBeGreaterThan(10);
  });

  it('takes the Omnidesk rule-webhook keys, forms and provenance from templates/omnidesk/webhook-fields.json', () => {
    const catalog = shippedCatalog();
    expect(catalog.get('omnidesk.incoming')!.fields.map((f) => [f.name, f.type, f.form])).toEqual([
      ['case_id', 'string', 'id'],
      ['case_description', 'string', 'html'],
      ['user_id', 'string', 'id'],
    ]);
    expect(catalog.get('omnidesk.changed')!.fields.map((f) => f.name)).toEqual(['case_id', 'last_message', 'user_id']);
    const caseId = catalog.get('omnidesk.incoming')!.fields[0]!;
    expect(caseId.provenance).toBe('key observed, form observed, label→key inferred');
    expect(caseId.ref).toMatch(/§4\.1a/);
  });

  it('renders the rule webhook as observed: string ids, HTML text', () => {
    const body = JSON.parse(renderSample(shippedCatalog().get('omnidesk.incoming')!).body);
    expect(body.case_id).toMatch(/^\d+$/);
    expect(body.user_id).toMatch(/^\d+$/);
    expect(body.case_description).toMatch(/^<p>.+<\/p>$/);
  });

  for (const name of SHIPPED) {
    it(`${name}: every encoding it accepts renders and passes its own schema`, () => {
      const event = shippedCatalog().get(name)!;
      for (const encoding of event.accepts) {
        const sample = renderSample(event, { encoding });
        const decoded = decodeBody(sample.contentType, sample.body);
        expect(decoded.ok).toBe(true);
        if (!decoded.ok) continue;
        expect(decoded.encoding).toBe(encoding);
        const checked = eventSchema(event, encoding).safeParse(decoded.value);
        expect(checked.success, JSON.stringify(checked.error?.issues)).toBe(true);
      }
    });
  }

  it('renders fresh ids on every call', () => {
    const event = shippedCatalog().get('omnidesk.incoming')!;
    const ids = new Set(
      Array.from({ length: 20 }, () => (JSON.parse(renderSample(event).body) as { case_id: string }).case_id),
    );
    expect(ids.size).toBeGreaterThan(15);
  });
});

describe('seed 002 body', () => {
  const keys = [
    'message',
    'message_author_id',
    'customer_id',
    'ticket_id',
    'status_id',
    'user_name',
    'last_answer_date',
    'last_customer_message_date',
    'chat_id',
  ];

  for (const name of ['helpdeskeddy.new_ticket', 'helpdeskeddy.new_reply']) {
    it(`${name} reproduces the template key for key, all strings, in order`, () => {
      const body = renderSample(shippedCatalog().get(name)!).body;
      const parsed = JSON.parse(body) as Record<string, unknown>;
      expect(Object.keys(parsed)).toEqual(keys);
      for (const v of Object.values(parsed)) expect(typeof v).toBe('string');
      // Byte for byte the template with each {tag} replaced by its JSON-escaped value.
      const event = shippedCatalog().get(name)!;
      expect(event.fields.map((f) => f.tag)).toEqual(seedTags());
      let expected = seedBody().template;
      for (const f of event.fields)
        expected = expected.replace(`{${f.tag}}`, JSON.stringify(parsed[f.name]).slice(1, -1));
      expect(body).toBe(expected);
    });
  }

  it('JSON-escapes values as the dispatcher fills each {tag}', () => {
    const event = shippedCatalog().get('helpdeskeddy.new_ticket')!;
    const text = 'Строка 1\nон сказал "нет" \\ ок 🙂';
    const body = renderSample(event, { set: { message: text, ticket_id: '1042' } }).body;
    expect(body).toContain('"ticket_id": "1042"');
    expect((JSON.parse(body) as { message: string }).message).toBe(text);
    expect(body.split('\n')).toHaveLength(11);
  });

  it('a new ticket is written by its customer', () => {
    const body = JSON.parse(
      renderSample(shippedCatalog().get('helpdeskeddy.new_ticket')!, { set: { customer_id: '77' } }).body,
    ) as Record<string, string>;
    expect(body.message_author_id).toBe('77');
    expect(body.last_customer_message_date).toBe(body.last_answer_date);
    expect(body.last_answer_date).toMatch(/^\d{2}:\d{2}:\d{2} \d{2}\.\d{2}\.\d{4}$/);
  });
});

describe('user samples', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir());
    await mkdir(dir, { recursive: true });
  });
  afterEach(() => cleanup());

  it('a captured body overrides the shipped event; its keys become the schema', async () => {
    const body = '{"id":214000111,"text":"Привет","client":{"id":5654846848}}';
    await writeFile(
      join(dir, 'omnidesk.incoming.json'),
      JSON.stringify({ provenance: 'captured', contentType: 'application/json', body }),
    );
    const catalog = await loadCatalog(dir);
    const event = catalog.get('omnidesk.incoming')!;
    expect(event.source).toBe('user');
    expect(event.overrides).toBe(true);
    expect(event.provenance).toBe('captured');
    expect(event.helpdesk).toBe('omnidesk');
    expect(event.fields.map((f) => f.name)).toEqual(['id', 'text', 'client.id']);
    expect(renderSample(event).body).toBe(body);
    expect(JSON.parse(renderSample(event, { set: { 'client.id': '1' } }).body)).toEqual({
      id: 214000111,
      text: 'Привет',
      client: { id: 1 },
    });
    // The shipped catalog is untouched.
    expect(shippedCatalog().get('omnidesk.incoming')!.source).toBe('shipped');
  });

  it('adds new events and skips broken files with a warning naming the file', async () => {
    await writeFile(
      join(dir, 'omnidesk.closed.json'),
      JSON.stringify({
        description: 'closed',
        fields: [{ name: 'case_id', type: 'integer', gen: 'omnidesk.case_id' }],
      }),
    );
    await writeFile(join(dir, 'broken.json'), '{ not json');
    await writeFile(join(dir, 'omnidesk.bad.json'), JSON.stringify({ fields: [{ name: 'x', gen: 'no.such.gen' }] }));
    const catalog = await loadCatalog(dir);
    expect(catalog.get('omnidesk.closed')!.overrides).toBe(false);
    expect(catalog.events).toHaveLength(6);
    expect(catalog.warnings).toHaveLength(2);
    expect(catalog.warnings.join('\n')).toContain('broken.json');
    expect(catalog.warnings.join('\n')).toContain('no.such.gen');
  });

  it('a missing folder is simply no user samples', async () => {
    const catalog = await loadCatalog(join(dir, 'nope'));
    expect(catalog.events.map((e) => e.name)).toEqual(SHIPPED);
    expect(catalog.warnings).toEqual([]);
  });
});

describe('findEvent', () => {
  it('accepts a unique last part and lists every event otherwise', () => {
    const catalog = shippedCatalog();
    expect(findEvent(catalog, 'new_ticket').name).toBe('helpdeskeddy.new_ticket');
    let err: unknown;
    try {
      findEvent(catalog, 'nope');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UsageError);
    for (const name of SHIPPED) expect((err as Error).message).toContain(name);
  });
});
