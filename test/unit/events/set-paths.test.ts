import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/core/errors.js';
import { normalizePath, parseSetArg, renderSample, resolveSets, shippedCatalog } from '../../../src/events/catalog.js';
import { decodeForm } from '../../../src/core/php-form.js';

const event = (name: string) => shippedCatalog().get(name)!;

function usageError(fn: () => unknown): UsageError {
  try {
    fn();
  } catch (err) {
    if (err instanceof UsageError) return err;
    throw err;
  }
  throw new Error('expected a UsageError');
}

describe('--set paths', () => {
  it('normalises form bracket paths to dotted ones', () => {
    expect(normalizePath('object[content]')).toBe('object.content');
    expect(normalizePath('object.content')).toBe('object.content');
    expect(parseSetArg('message=a=b')).toEqual({ path: 'message', value: 'a=b' });
    expect(usageError(() => parseSetArg('novalue')).exitCode).toBe(2);
  });

  it('keeps Omnidesk rule-webhook values strings, as a real account sends them', () => {
    const body = JSON.parse(
      renderSample(event('omnidesk.incoming'), {
        set: { case_id: '210000001', user_id: '5654846848', case_description: '42' },
      }).body,
    );
    expect(body).toEqual({ case_id: '210000001', case_description: '42', user_id: '5654846848' });
  });

  it('keeps every HelpDeskEddy value a string', () => {
    const body = JSON.parse(
      renderSample(event('helpdeskeddy.new_reply'), { set: { ticket_id: '1042', customer_id: '77' } }).body,
    );
    expect(body.ticket_id).toBe('1042');
    expect(body.customer_id).toBe('77');
  });

  it('object[content] and object.content both set a form field', () => {
    for (const path of ['object[content]', 'object.content']) {
      const body = renderSample(event('omnidesk.message_new'), {
        set: { [path]: 'Ответ 🙂', 'object[note]': '1' },
      }).body;
      const decoded = decodeForm(body) as { object: Record<string, string> };
      expect(decoded.object.content).toBe('Ответ 🙂');
      expect(decoded.object.note).toBe('1');
    }
    const json = JSON.parse(
      renderSample(event('omnidesk.message_new'), { set: { 'object[case_id]': '7' }, encoding: 'json' }).body,
    );
    expect(json.object.case_id).toBe(7);
  });

  it('an unknown path is a UsageError listing the valid paths', () => {
    const err = usageError(() => resolveSets(event('helpdeskeddy.new_ticket'), { tikcet_id: '1' }));
    expect(err.exitCode).toBe(2);
    expect(err.message).toContain('tikcet_id');
    for (const p of ['message', 'ticket_id', 'chat_id']) expect(err.message).toContain(p);
  });

  it('a value of the wrong type names the field and its type', () => {
    // A rule-webhook id is a string of digits (reference §4.1a).
    expect(usageError(() => resolveSets(event('omnidesk.incoming'), { case_id: 'abc' })).message).toMatch(
      /case_id: expected to match/,
    );
    expect(usageError(() => resolveSets(event('omnidesk.message_new'), { 'object.case_id': 'abc' })).message).toMatch(
      /object.case_id: expected an integer/,
    );
    expect(
      usageError(() => resolveSets(event('omnidesk.message_new'), { 'object.case_id': '99999999999999999999' }))
        .message,
    ).toMatch(/too large/);
    expect(usageError(() => resolveSets(event('helpdeskeddy.new_ticket'), { ticket_id: '12a' })).message).toMatch(
      /ticket_id/,
    );
  });

  it('a fixed field cannot be set', () => {
    expect(usageError(() => resolveSets(event('omnidesk.message_new'), { type: 'other' })).message).toMatch(/fixed/);
  });

  it('another encoding only where the event accepts it', () => {
    expect(usageError(() => renderSample(event('helpdeskeddy.new_ticket'), { encoding: 'form' })).message).toMatch(
      /--encoding form/,
    );
    expect(renderSample(event('omnidesk.incoming'), { encoding: 'form' }).contentType).toBe(
      'application/x-www-form-urlencoded',
    );
  });
});
