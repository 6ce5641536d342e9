import { describe, expect, it } from 'vitest';
import { formatRfc2822, parseRfc2822, parseTimeFilter } from '../../../../src/helpdesks/omnidesk/dates.js';

const AT = Date.UTC(2014, 11, 23, 7, 55, 23);

describe('Omnidesk dates: RFC 2822 with the account offset', () => {
  it('writes in the sandbox account offset (+0300) unless told another', () => {
    expect(formatRfc2822(AT)).toBe('Tue, 23 Dec 2014 10:55:23 +0300');
    expect(formatRfc2822(new Date(AT), 120)).toBe('Tue, 23 Dec 2014 09:55:23 +0200');
    expect(formatRfc2822(AT, -330)).toBe('Tue, 23 Dec 2014 02:25:23 -0530');
  });

  it.each([
    ['Tue, 23 Dec 2014 10:55:23 +0300', AT],
    ['Tue, 23 Dec 2014 09:55:23 +0200', AT],
    ['23 Dec 2014 07:55:23 +0000', AT],
    ['Mon, 02 Jun 2025 12:01:09 +0300', Date.UTC(2025, 5, 2, 9, 1, 9)],
  ])('reads %j exactly, by its own offset', (text, ms) => expect(parseRfc2822(text)?.getTime()).toBe(ms));

  it.each(['-', '', 'Tue, 31 Feb 2014 10:55:23 +0300', '2014-12-23T10:55:23Z', null])('reads %j as no date', (bad) => {
    expect(parseRfc2822(bad)).toBeUndefined();
  });

  it('reads filter bounds: unix seconds, a date in the account offset, or a full date', () => {
    expect(parseTimeFilter('1419321323')).toBe(1419321323_000);
    expect(parseTimeFilter('2014-12-23')).toBe(Date.UTC(2014, 11, 22, 21, 0, 0));
    expect(parseTimeFilter('Tue, 23 Dec 2014 10:55:23 +0300')).toBe(AT);
    expect(Number.isNaN(parseTimeFilter('soon'))).toBe(true);
  });

  it('round-trips any instant through its own format', () => {
    for (const ms of [0, AT, Date.UTC(2024, 1, 29, 23, 59, 59), Date.UTC(2030, 0, 1)]) {
      for (const offset of [180, 0, -300, 345]) expect(parseRfc2822(formatRfc2822(ms, offset))?.getTime()).toBe(ms);
    }
  });
});
