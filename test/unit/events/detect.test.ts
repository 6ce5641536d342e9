import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectEvent, loadCatalog, renderSample, shippedCatalog } from '../../../src/events/catalog.js';
import { tempDir } from '../../helpers/temp-dir.js';

const catalog = shippedCatalog();

describe('detectEvent', () => {
  for (const event of catalog.events) {
    for (const encoding of event.accepts) {
      it(`names ${event.name} sent as ${encoding}`, () => {
        const sample = renderSample(event, { encoding });
        const result = detectEvent(sample.contentType, Buffer.from(sample.body));
        if (event.helpdesk === 'helpdeskeddy') {
          // new_ticket and new_reply share seed 002's body: a tie, reported as such.
          expect(result.candidates).toEqual(['helpdeskeddy.new_reply', 'helpdeskeddy.new_ticket']);
          expect(result.event).toBe('helpdeskeddy.new_reply');
        } else {
          expect(result.event).toBe(event.name);
        }
        expect(result.valid).toBe(true);
        expect(result.issues).toBeUndefined();
        expect(result.encoding).toBe(encoding);
      });
    }
  }

  it('summarises the key facts of each helpdesk', () => {
    const omni = detectEvent(
      'application/x-www-form-urlencoded',
      Buffer.from(
        'type=message_new&object%5Bcase_id%5D=21755012&object%5Buser_id%5D=20023294&object%5Bmessage_id%5D=1&' +
          'object%5Bstaff_id%5D=2&object%5Bcustom_user_id%5D=u&object%5Bcontent%5D=Ok%21&object%5Bnote%5D=0&' +
          'object%5Bsent_via_rule%5D=0',
      ),
    );
    expect(omni).toMatchObject({
      event: 'omnidesk.message_new',
      valid: true,
      summary: { caseId: '21755012', userId: '20023294', text: 'Ok!' },
    });
    const hde = renderSample(catalog.get('helpdeskeddy.new_ticket')!, {
      set: { ticket_id: '1042', message: '<p>Где мой <b>заказ</b>?</p>' },
    });
    expect(detectEvent('application/json', Buffer.from(hde.body)).summary).toMatchObject({
      ticketId: '1042',
      text: 'Где мой заказ?',
    });
  });

  it('accepts the palachX-style JSON message_new without created_at', () => {
    const body =
      '{"type":"message_new","object":{"message_id":913377001,"case_id":88120045,"staff_id":42,"user_id":7700123,' +
      '"custom_user_id":"tg-100500","content":"Your ' +
      'parcel ships today.","note":0,"sent_via_rule":0}}';
    expect(detectEvent('application/json', Buffer.from(body))).toMatchObject({
      event: 'omnidesk.message_new',
      valid: true,
      encoding: 'json',
    });
  });

  it('names the event but flags a payload with wrong types or missing fields', () => {
    // Omnidesk sends ids as strings (reference §4.1a): a number is not what a real account sends.
    const wrongType = detectEvent(
      'application/json',
      Buffer.from('{"case_id":210000001,"case_description":"<p>Привет</p>","user_id":"5"}'),
    );
    expect(wrongType.event).toBe('omnidesk.incoming');
    expect(wrongType.valid).toBe(false);
    expect(wrongType.issues!.join('\n')).toContain('case_id');
    const missing = detectEvent('application/json', Buffer.from('{"case_id":"1","last_message":"x"}'));
    expect(missing).toMatchObject({ event: 'omnidesk.changed', valid: false });
    expect(missing.issues!.join('\n')).toContain('user_id');
  });

  it('accepts the observed rule webhook in both formats the action offers, and strips HTML from the summary', () => {
    const json = detectEvent(
      'application/json',
      Buffer.from('{"case_id":"423208679","case_description":"<p>Где <b>заказ</b>?</p>","user_id":"81815346"}'),
    );
    expect(json).toMatchObject({
      event: 'omnidesk.incoming',
      valid: true,
      summary: { caseId: '423208679', userId: '81815346', text: 'Где заказ?' },
    });
    const form = detectEvent(
      'application/x-www-form-urlencoded',
      Buffer.from('case_id=1&case_description=%3Cp%3Ehi%3C%2Fp%3E&user_id=2'),
    );
    expect(form).toMatchObject({ event: 'omnidesk.incoming', valid: true, encoding: 'form' });
    const absent = detectEvent(
      'application/json',
      Buffer.from('{"case_id":"1","last_message":"<p>x</p>","user_id":""}'),
    );
    expect(absent).toMatchObject({ event: 'omnidesk.changed', valid: true });
  });

  it('still names a HelpDeskEddy body that a naive substitution broke', () => {
    const sample = renderSample(catalog.get('helpdeskeddy.new_ticket')!, { set: { message: 'PLACEHOLDER' } });
    const broken = sample.body.replace('PLACEHOLDER', 'он сказал "нет"\nи ушёл');
    const result = detectEvent('application/json', Buffer.from(broken));
    expect(result.event).toMatch(/^helpdeskeddy\./);
    expect(result.valid).toBe(false);
    expect(result.issues![0]).toMatch(/invalid JSON/);
  });

  it('reports garbage as no event, invalid', () => {
    const cases: Array<[string | undefined, Buffer]> = [
      ['application/json', Buffer.from('{"hello":"world"}')],
      ['application/json', Buffer.from('not json at all')],
      ['application/json', Buffer.from('[1,2,3]')],
      ['application/json', Buffer.from('null')],
      [undefined, Buffer.from('')],
      ['application/octet-stream', Buffer.from([0xff, 0xfe, 0x00, 0x81])],
      ['text/plain', Buffer.from('hello world')],
    ];
    for (const [type, body] of cases) {
      const result = detectEvent(type, body);
      expect(result.event, body.toString()).toBeNull();
      expect(result.valid).toBe(false);
      expect(result.issues!.length).toBeGreaterThan(0);
    }
  });

  it('sniffs the body when the content type is missing', () => {
    const sample = renderSample(catalog.get('omnidesk.message_new')!);
    expect(detectEvent(undefined, Buffer.from(sample.body)).event).toBe('omnidesk.message_new');
    expect(detectEvent('', Buffer.from(renderSample(catalog.get('omnidesk.changed')!).body)).event).toBe(
      'omnidesk.changed',
    );
  });
});

describe('detectEvent with user samples', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ dir, cleanup } = await tempDir());
    await mkdir(dir, { recursive: true });
    await writeFile(
      join(dir, 'omnidesk.incoming.json'),
      JSON.stringify({
        provenance: 'captured',
        contentType: 'application/json',
        body: '{"id":214000111,"text":"Привет","client":{"id":5654846848}}',
      }),
    );
  });
  afterAll(() => cleanup());

  it('matches the captured shape, which replaces the inferred one', async () => {
    const userCatalog = await loadCatalog(dir);
    const body = Buffer.from('{"id":1,"text":"Другое","client":{"id":2}}');
    expect(detectEvent('application/json', body, userCatalog)).toMatchObject({
      event: 'omnidesk.incoming',
      valid: true,
    });
    expect(detectEvent('application/json', body).event).toBeNull();
  });
});
