import { describe, expect, it } from 'vitest';
import { GENERATORS } from '../../../src/events/generate.js';

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('generators', () => {
  const now = new Date('2018-04-26T17:17:10Z');

  it('formats Omnidesk dates as RFC 2822 in Moscow time (seed 001 example)', () => {
    expect(GENERATORS['omnidesk.rfc2822']!({ rng: Math.random, now })).toBe('Thu, 26 Apr 2018 20:17:10 +0300');
  });

  it('formats HelpDeskEddy post dates as HH:MM:SS DD.MM.YYYY', () => {
    expect(GENERATORS['hde.post_date']!({ rng: Math.random, now })).toBe('20:17:10 26.04.2018');
  });

  it('keeps ids in realistic ranges, including user ids past 2^32', () => {
    const g = { rng: seeded(1), now };
    let above32 = false;
    for (let i = 0; i < 500; i += 1) {
      const caseId = GENERATORS['omnidesk.case_id']!(g) as number;
      expect(caseId).toBeGreaterThanOrEqual(200_000_000);
      expect(caseId).toBeLessThan(220_000_000);
      const userId = GENERATORS['omnidesk.user_id']!(g) as number;
      expect(userId).toBeLessThanOrEqual(5_600_000_000);
      if (userId > 2 ** 32) above32 = true;
    }
    expect(above32).toBe(true);
  });

  it('is deterministic for a given rng and writes Russian text', () => {
    const a = { rng: seeded(7), now };
    const b = { rng: seeded(7), now };
    for (const name of Object.keys(GENERATORS)) expect(GENERATORS[name]!(a)).toEqual(GENERATORS[name]!(b));
    expect(String(GENERATORS['ru.question']!(a))).toMatch(/[А-Яа-яЁё]/);
    expect(String(GENERATORS['ru.name']!(a))).toMatch(/^[А-ЯЁ][а-яё]+ [А-ЯЁ][а-яё]+$/);
  });
});
