import { describe, expect, it } from 'vitest';
import { createOnce } from '../../../../src/core/http/create-once.js';
import { buildQuery, withQuery } from '../../../../src/core/http/query.js';

describe('buildQuery', () => {
  it('encodes arrays PHP-style and skips undefined', () => {
    expect(buildQuery({ status: ['open', 'waiting'], page: 2, subject: 'a b&c', x: undefined, show: true })).toBe(
      '?status[]=open&status[]=waiting&page=2&subject=a%20b%26c&show=true',
    );
    expect(buildQuery({})).toBe('');
    expect(withQuery('/a.json?x=1', { page: 1 })).toBe('/a.json?x=1&page=1');
  });
});

describe('createOnce', () => {
  const noSleep = async () => {};
  const ambiguous = Object.assign(new Error('timeout'), { ambiguous: true });
  const isAmbiguous = (e: unknown) => Boolean((e as { ambiguous?: boolean }).ambiguous);

  it('returns the object found after an ambiguous failure instead of creating again', async () => {
    let creates = 0;
    const result = await createOnce({
      create: async () => {
        creates++;
        throw ambiguous;
      },
      find: async () => 'existing',
      isAmbiguous,
      sleep: noSleep,
    });
    expect(result).toEqual({ value: 'existing', recovered: true, attempts: 1 });
    expect(creates).toBe(1);
  });

  it('creates again only when the object is not there', async () => {
    let creates = 0;
    const result = await createOnce({
      create: async () => {
        creates++;
        if (creates === 1) throw ambiguous;
        return 'new';
      },
      find: async () => undefined,
      isAmbiguous,
      sleep: noSleep,
    });
    expect(result).toEqual({ value: 'new', recovered: false, attempts: 2 });
  });

  it('rethrows a definite failure without looking', async () => {
    let finds = 0;
    await expect(
      createOnce({
        create: async () => {
          throw new Error('bad input');
        },
        find: async () => {
          finds++;
          return undefined;
        },
        isAmbiguous,
        sleep: noSleep,
      }),
    ).rejects.toThrow('bad input');
    expect(finds).toBe(0);
  });

  it('waits at least settleMs after a timeout, and gives up after maxAttempts', async () => {
    const waits: number[] = [];
    let creates = 0;
    await expect(
      createOnce({
        create: async () => {
          creates++;
          throw ambiguous;
        },
        find: async () => undefined,
        isAmbiguous,
        isTimeout: () => true,
        settleMs: 5_000,
        maxAttempts: 2,
        backoff: { baseMs: 10, random: () => 0.5 },
        sleep: async (ms) => {
          waits.push(ms);
        },
      }),
    ).rejects.toBe(ambiguous);
    expect(creates).toBe(2);
    expect(waits).toEqual([5_000, 5_000]);
  });
});
