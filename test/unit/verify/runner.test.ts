import { describe, expect, it } from 'vitest';
import { AuthError, ConfigError, UsageError } from '../../../src/core/errors.js';
import { fail, pass, skip, type CheckDef } from '../../../src/verify/check.js';
import { runChecks, selectChecks } from '../../../src/verify/runner.js';

const def = (id: string, run: CheckDef<null>['run'], more: Partial<CheckDef<null>> = {}): CheckDef<null> => ({
  id,
  title: id,
  run,
  ...more,
});

describe('runChecks', () => {
  it('skips a check whose prerequisite failed, naming it, and still runs `always` checks', async () => {
    const ran: string[] = [];
    const defs = [
      def('a', async () => (ran.push('a'), fail('broken'))),
      def('b', async () => (ran.push('b'), pass()), { needs: ['a'] }),
      def('c', async () => (ran.push('c'), pass()), { needs: ['a'], always: true }),
    ];
    const results = await runChecks(defs, null);
    expect(ran).toEqual(['a', 'c']);
    expect(results.map((r) => r.status)).toEqual(['fail', 'skip', 'pass']);
    expect(results[1]!.message).toContain('"a" did not pass');
  });

  it('turns thrown errors into failures and keeps auth and config kinds', async () => {
    const results = await runChecks(
      [
        def('auth', async () => {
          throw new AuthError('key refused', { hint: 'check the key' });
        }),
        def('config', async () => {
          throw new ConfigError('bad config');
        }),
        def('boom', async () => {
          throw new Error('kaput');
        }),
      ],
      null,
    );
    expect(results.map((r) => [r.status, r.errorKind])).toEqual([
      ['fail', 'auth'],
      ['fail', 'config'],
      ['fail', undefined],
    ]);
    expect(results[0]!.hint).toBe('check the key');
    expect(results[2]!.message).toContain('kaput');
  });

  it('skips everything but clean-up once the signal aborted', async () => {
    const ac = new AbortController();
    const results = await runChecks(
      [
        def('a', async () => (ac.abort(), pass())),
        def('b', async () => pass()),
        def('clean', async () => pass(), { always: true }),
      ],
      null,
      { signal: ac.signal },
    );
    expect(results.map((r) => r.status)).toEqual(['pass', 'skip', 'pass']);
  });
});

describe('selectChecks', () => {
  const defs = [
    def('config', async () => pass()),
    def('bot/label', async () => pass(), { integration: 'bot', needs: ['config'] }),
    def('bot/e2e-case', async () => pass(), { integration: 'bot', needs: ['bot/label'], e2e: true }),
    def('bot/e2e-cleanup', async () => pass(), { integration: 'bot', e2e: true, always: true }),
  ];

  it('leaves the round trip out without --e2e', () => {
    expect(selectChecks(defs, undefined, false).map((d) => d.id)).toEqual(['config', 'bot/label']);
    expect(selectChecks(defs, undefined, true)).toHaveLength(4);
  });

  it('--only takes the short id and adds what the check needs (and the clean-up)', () => {
    expect(selectChecks(defs, ['label'], false).map((d) => d.id)).toEqual(['config', 'bot/label']);
    expect(selectChecks(defs, ['e2e-case'], false).map((d) => d.id)).toEqual([
      'config',
      'bot/label',
      'bot/e2e-case',
      'bot/e2e-cleanup',
    ]);
  });

  it('--only with an unknown id is a usage error listing the known ones', () => {
    expect(() => selectChecks(defs, ['nope'], false)).toThrow(UsageError);
    try {
      selectChecks(defs, ['nope'], false);
    } catch (err) {
      expect((err as UsageError).hint).toContain('bot/label');
    }
  });

  it('skip() and fail() build outcomes', () => {
    expect(skip('why')).toEqual({ status: 'skip', message: 'why' });
    expect(fail('what', { cause: 'c' })).toEqual({ status: 'fail', message: 'what', cause: 'c' });
  });
});
