import { describe, expect, it } from 'vitest';
import {
  jsonEscape,
  renderTemplate,
  stripHtml,
  templateTags,
} from '../../../../src/helpdesks/helpdeskeddy/template.js';
import { seedBody, seedTags } from '../../../../src/helpdesks/helpdeskeddy/dispatcher-body.js';
import { SEED_BODY_KEYS } from '../../../helpers/sandbox-hde.js';

describe('HelpDeskEddy {tag} templates', () => {
  it('renders the seed template into JSON whose values are all strings, key for key', () => {
    const body = renderTemplate(seedBody().template, {
      answer_last: '<p>Здравствуйте, "заказ" №5\nне пришёл</p>',
      last_post_user_id: 77,
      user_id: '77',
      ticket_id: 1042,
      status_id: 'open',
      user_name: 'Иван',
      last_post_date: '10:20:31 01.03.2025',
      last_client_post_date: '10:20:31 01.03.2025',
      meta_chat_id: '',
    });
    const parsed = JSON.parse(body) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual(SEED_BODY_KEYS);
    expect(Object.values(parsed).every((v) => typeof v === 'string')).toBe(true);
    expect(parsed.message).toBe('<p>Здравствуйте, "заказ" №5\nне пришёл</p>');
    expect(parsed.ticket_id).toBe('1042');
  });

  it('lists the seed tags in order', () => {
    expect(seedTags()).toEqual([
      'answer_last',
      'last_post_user_id',
      'user_id',
      'ticket_id',
      'status_id',
      'user_name',
      'last_post_date',
      'last_client_post_date',
      'meta_chat_id',
    ]);
    expect(templateTags('{a} {b} {a}')).toEqual(['a', 'b']);
  });

  it('substitutes naively when asked, which breaks JSON on a quote', () => {
    const body = renderTemplate('{"m": "{answer_last}"}', { answer_last: 'say "hi"' }, { escape: 'none' });
    expect(body).toBe('{"m": "say "hi""}');
    expect(() => JSON.parse(body)).toThrow();
  });

  it('handles unknown tags, $strip_tags() and never re-substitutes a value', () => {
    expect(renderTemplate('[{nope}]', {})).toBe('[]');
    expect(renderTemplate('[{nope}]', {}, { unknown: 'keep' })).toBe('[{nope}]');
    expect(renderTemplate('$strip_tags({answer_last})', { answer_last: '<p>a &amp; b</p>' })).toBe('a & b');
    expect(renderTemplate('{a}-{b}', { a: '{b}', b: 'x' })).toBe('{b}-x');
    expect(jsonEscape('a\\b')).toBe('a\\\\b');
    expect(stripHtml('<p>one</p><p>two</p>')).toBe('one\ntwo');
  });
});
