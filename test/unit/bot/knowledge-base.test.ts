import { describe, expect, it } from 'vitest';
import { Deduper, dedupeKey } from '../../../src/bot/dedupe.js';
import { decide, detectLang, findAnswer, wantsOperator } from '../../../src/bot/knowledge-base.js';
import { parseBody } from '../../../src/core/webhook-body.js';
import { htmlToText } from '../../../src/helpdesks/helpdeskeddy/bot/responder.js';
import { readHelpdeskeddyWebhook } from '../../../src/helpdesks/helpdeskeddy/bot/webhook.js';
import { readOmnideskWebhook } from '../../../src/helpdesks/omnidesk/bot/webhook.js';

describe('knowledge base', () => {
  it.each([
    ['Какие у вас часы работы?', 'opening-hours', 'ru'],
    ['Когда будет доставка заказа?', 'delivery', 'ru'],
    ['Не могу войти, забыл пароль', 'password-reset', 'ru'],
    ['How do I reset my password?', 'password-reset', 'en'],
    ['What are your opening hours?', 'opening-hours', 'en'],
  ])('%s → %s (%s)', (text, topic, lang) => {
    expect(findAnswer(text)).toMatchObject({ topic, lang });
  });

  it('answers in the language of the question', () => {
    expect(findAnswer('delivery?')!.text).toMatch(/business days/);
    expect(findAnswer('доставка?')!.text).toMatch(/рабочих дней/);
  });

  it.each(['Позовите оператора, пожалуйста', 'Хочу поговорить с человеком', 'operator please', 'I need a human'])(
    '%s asks for an operator',
    (text) => {
      expect(wantsOperator(text)).toBe(true);
      expect(decide(text)).toEqual({ action: 'hand-off', reason: 'operator-requested' });
    },
  );

  it('an operator request wins over a known topic, and an unknown question hands off', () => {
    expect(decide('оператор, у меня вопрос про доставку')).toMatchObject({
      action: 'hand-off',
      reason: 'operator-requested',
    });
    expect(decide('Сколько стоит слон?')).toEqual({ action: 'hand-off', reason: 'no-answer' });
  });

  it('tells the languages apart', () => {
    expect(detectLang('привет')).toBe('ru');
    expect(detectLang('hello')).toBe('en');
  });
});

describe('dedupe', () => {
  it('the same case and text is a duplicate within the window, not after it', () => {
    let now = 0;
    const d = new Deduper(1000, 10, () => now);
    const key = dedupeKey('omnidesk', 5, 'hello ');
    expect(d.firstTime(key)).toBe(true);
    expect(d.firstTime(dedupeKey('omnidesk', 5, 'hello'))).toBe(false);
    expect(d.firstTime(dedupeKey('omnidesk', 6, 'hello'))).toBe(true);
    now = 1500;
    expect(d.firstTime(key)).toBe(true);
  });

  it('stays bounded', () => {
    const d = new Deduper(60_000, 3);
    for (const n of [1, 2, 3, 4]) d.firstTime(`k${n}`);
    expect(d.firstTime('k1')).toBe(true); // evicted, so new again
    expect(d.firstTime('k4')).toBe(false);
  });
});

describe('payloads', () => {
  it('reads the Omnidesk rule webhooks as observed: string ids, HTML text, "" when absent', () => {
    expect(
      readOmnideskWebhook({ case_id: '423208679', case_description: '<p>Где <b>заказ</b>?</p>', user_id: '81815346' }),
    ).toEqual({
      helpdesk: 'omnidesk',
      caseId: 423208679,
      text: 'Где заказ?',
      userId: 81815346,
    });
    expect(readOmnideskWebhook({ case_id: '7', last_message: '<p>again</p><p>twice</p>', user_id: '' })).toEqual({
      helpdesk: 'omnidesk',
      caseId: 7,
      text: 'again\ntwice',
    });
    // The changed rule's last reply wins over the case's first text when both are ticked.
    expect(
      readOmnideskWebhook({ case_id: '7', case_description: '<p>first</p>', last_message: '<p>last</p>' })?.text,
    ).toBe('last');
    expect(readOmnideskWebhook({ case_id: 7, case_description: 'plain' })).toMatchObject({ caseId: 7, text: 'plain' });
    expect(readOmnideskWebhook({ case_description: 'no id' })).toBeNull();
    expect(readOmnideskWebhook({ case_id: '', case_description: 'empty id' })).toBeNull();
  });

  it('reads the seed-002 body, every value a string', () => {
    const body = {
      message: '<p>Оператор!</p>',
      message_author_id: '12',
      customer_id: '12',
      ticket_id: '345',
      status_id: 'open',
      user_name: 'Иван',
      last_answer_date: '',
      last_customer_message_date: '',
      chat_id: '',
    };
    expect(readHelpdeskeddyWebhook(body)).toEqual({
      helpdesk: 'helpdeskeddy',
      caseId: 345,
      text: '<p>Оператор!</p>',
      userId: 12,
      authorId: 12,
    });
    expect(htmlToText('<p>Оператор&nbsp;!<br>да</p>')).toBe('Оператор !\nда');
  });

  it('parses JSON and form bodies, and refuses anything else', () => {
    expect(parseBody('application/json', '{"case_id":1}')).toEqual({ case_id: 1 });
    expect(parseBody('application/x-www-form-urlencoded', 'case_id=1&case_description=a+b')).toEqual({
      case_id: '1',
      case_description: 'a b',
    });
    expect(parseBody('application/json', '[1]')).toBeUndefined();
    expect(parseBody('application/json', 'nope')).toBeUndefined();
  });
});
