import { describe, expect, it } from 'vitest';
import { DAY, durationMs, formatDuration, parseDuration, parseInstant } from '../../../src/core/duration.js';
import { UsageError } from '../../../src/core/errors.js';

describe('the duration grammar', () => {
  it.each([
    ['500ms', 500],
    ['30s', 30_000],
    ['2m', 120_000],
    ['3h', 10_800_000],
    ['1d', DAY],
    ['1m30s', 90_000],
    ['1d12h', 1.5 * DAY],
    ['2h15m10s250ms', 8_110_250],
    ['120', 120_000], // a bare number is seconds, on every flag
    ['5', 5_000],
    ['1.5s', 1500],
    ['0.25', 250],
    [' 30S ', 30_000],
    ['0', 0],
  ])('%j → %i ms', (text, ms) => expect(durationMs(text)).toBe(ms));

  it.each([
    '',
    ' ',
    'abc',
    '10x',
    's30',
    '5 s',
    '1m 30s',
    '30s1m',
    '1m1m',
    '0x10',
    '-5',
    '-5s',
    '+5s',
    '1e3',
    '1.s',
    '.5s',
    '1w',
    'Infinity',
    'NaN',
  ])('rejects %j', (text) => expect(durationMs(text)).toBeUndefined());
});

describe('parseDuration: bounds per flag, errors name the flag', () => {
  it('returns ms within the bounds', () => {
    expect(parseDuration('90', '--timeout', { maxMs: DAY })).toBe(90_000);
  });
  it.each([
    ['soon', /--timeout: "soon" is not a duration/],
    ['0x1F90', /not a duration/],
    ['-1s', /not a duration/],
    ['99999999d', /--timeout: 99999999d is out of range \(from 1 ms to 1 d\)/],
    ['25h', /out of range/],
    ['0', /out of range/],
    ['0.0001', /out of range/],
  ])('%j is a UsageError', (text, message) => {
    const attempt = () => parseDuration(text, '--timeout', { maxMs: DAY });
    expect(attempt).toThrow(UsageError);
    expect(attempt).toThrow(message);
  });
  it('honours a minimum', () => {
    expect(() => parseDuration('5ms', '--interval', { minMs: 10, maxMs: DAY })).toThrow(
      /--interval: 5ms is out of range \(from 10 ms/,
    );
  });
});

describe('parseInstant', () => {
  const now = new Date('2024-05-01T12:00:00Z');
  it.each([
    ['10m', '2024-05-01T11:50:00.000Z'],
    ['1d', '2024-04-30T12:00:00.000Z'],
    ['90', '2024-05-01T11:58:30.000Z'],
    ['1h30m', '2024-05-01T10:30:00.000Z'],
    ['2024-04-30T00:00:00Z', '2024-04-30T00:00:00.000Z'],
    ['2024-04-30', '2024-04-30T00:00:00.000Z'],
  ])('%j → %s', (text, iso) => expect(parseInstant(text, '--since', now).toISOString()).toBe(iso));

  it('reads a bare number as seconds ago, not as a year', () => {
    expect(parseInstant('1', '--since', now).toISOString()).toBe('2024-05-01T11:59:59.000Z');
  });

  it.each(['yesterday', 'x2024-04-30', '2024-13-45', '99999d', '-10m', '0x10'])(
    '%j is a UsageError naming the flag',
    (text) => {
      expect(() => parseInstant(text, '--since', now)).toThrow(UsageError);
      expect(() => parseInstant(text, '--since', now)).toThrow(/--since/);
    },
  );
});

describe('formatDuration', () => {
  it.each([
    [250, '250 ms'],
    [1500, '1.5 s'],
    [60_000, '60 s'],
    [300_000, '5 min'],
    [3_600_000, '1 h'],
    [5_400_000, '90 min'],
    [86_400_000, '1 d'],
    [3 * 3_600_000, '3 h'],
    [7 * DAY, '7 d'],
  ])('%i → %s', (ms, text) => expect(formatDuration(ms)).toBe(text));
});
