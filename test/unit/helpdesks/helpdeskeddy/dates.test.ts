import { describe, expect, it } from 'vitest';
import {
  formatDateTime,
  formatPostDate,
  formatSlaDate,
  parseHdeDate,
} from '../../../../src/helpdesks/helpdeskeddy/dates.js';

/** 10:15 in Moscow, the account zone omnibot assumes: 07:15 UTC. */
const AT = Date.UTC(2025, 2, 1, 7, 15, 0);

describe("HelpDeskEddy dates: three formats, one zone (the account's, taken as Moscow)", () => {
  it.each([
    ['2025-03-01 10:15:00', AT],
    ['2025-03-01T10:15', AT],
    ['10:15:00 01.03.2025', AT],
    ['10:15 01.03.2025', AT],
    ['01.03.2025 10:15', AT],
    ['01.03.2025 10:15:30', AT + 30_000],
    ['01.01.2025 02:00', Date.UTC(2024, 11, 31, 23, 0, 0)],
  ])('reads %j as wall-clock time in the account zone', (text, ms) => expect(parseHdeDate(text)?.getTime()).toBe(ms));

  it.each(['null', '', '31.02.2025 10:00', '2025-03-01 25:00:00', 'yesterday', undefined, 5, '2025-03-01T10:15:00Z'])(
    'rejects %j',
    (bad) => {
      expect(parseHdeDate(bad)).toBeUndefined();
    },
  );

  it('writes each format in the same zone, so every format reads back to the instant', () => {
    const d = new Date(AT);
    expect([formatDateTime(d), formatPostDate(d), formatSlaDate(d)]).toEqual([
      '2025-03-01 10:15:00',
      '10:15:00 01.03.2025',
      '01.03.2025 10:15',
    ]);
    for (const text of [formatDateTime(d), formatPostDate(d), formatSlaDate(d)])
      expect(parseHdeDate(text)?.getTime()).toBe(AT);
    const late = new Date(Date.UTC(2025, 11, 31, 22, 30, 5)); // already 1 January in Moscow
    expect(formatPostDate(late)).toBe('01:30:05 01.01.2026');
    expect(parseHdeDate(formatDateTime(late))?.getTime()).toBe(late.getTime());
  });
});
