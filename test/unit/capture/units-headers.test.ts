import { describe, expect, it } from 'vitest';
import { parseRate, parseSize } from '../../../src/capture/units.js';
import { captureHeaders, forwardHeaders, queryParam } from '../../../src/capture/headers.js';
import { joinTarget, splitTarget, underPrefix } from '../../../src/webhooks/target-url.js';
import { checkSecret, constantTimeEqual } from '../../../src/webhooks/secret-check.js';
import { Pacer } from '../../../src/webhooks/pacer.js';
import { UsageError } from '../../../src/core/errors.js';

describe('units', () => {
  it('parses sizes with binary units', () => {
    expect(parseSize('1mb', '--max-body')).toBe(1024 * 1024);
    expect(parseSize('512kb', '--max-body')).toBe(512 * 1024);
    expect(parseSize('2048', '--max-body')).toBe(2048);
    expect(parseSize('1.5KiB', '--max-body')).toBe(1536);
  });

  it('names the flag when a value is wrong', () => {
    expect(() => parseSize('lots', '--max-body')).toThrow(/--max-body/);
    expect(() => parseSize('1tb', '--max-body')).toThrow(UsageError);
    expect(() => parseRate('fast', '--rate')).toThrow(/--rate/);
  });

  it('reads rates per second', () => {
    expect(parseRate('20/s', '--rate')).toBe(20);
    expect(parseRate('600/m', '--rate')).toBe(10);
    expect(parseRate('5', '--rate')).toBe(5);
  });
});

describe('headers', () => {
  const raw = {
    'content-type': 'application/json',
    authorization: 'Bearer abc',
    cookie: 'a=b',
    'x-api-key': 'k',
    'proxy-authorization': 'Basic xyz',
    'x-hook-token': 'tok',
    connection: 'keep-alive',
    'x-multi': ['1', '2'],
  };

  it('redacts credentials and the secret header unless kept', () => {
    const h = captureHeaders(raw, { secretHeader: 'x-hook-token' });
    expect(h.authorization).toBe('***');
    expect(h.cookie).toBe('***');
    expect(h['x-api-key']).toBe('***');
    expect(h['proxy-authorization']).toBe('***');
    expect(h['x-hook-token']).toBe('***');
    expect(h['x-multi']).toBe('1, 2');
    expect(captureHeaders(raw, { keepSecrets: true, secretHeader: 'x-hook-token' }).authorization).toBe('Bearer abc');
  });

  it('forwards everything but hop-by-hop, repeats as repeats, credentials included (the bot may check them)', () => {
    const rawHeaders = [
      'Content-Type',
      'application/json',
      'Authorization',
      'Bearer abc',
      'Connection',
      'keep-alive',
      'X-Multi',
      '1',
      'X-Multi',
      '2',
    ];
    expect(forwardHeaders(rawHeaders)).toEqual([
      ['Content-Type', 'application/json'],
      ['Authorization', 'Bearer abc'],
      ['X-Multi', '1'],
      ['X-Multi', '2'],
    ]);
    expect(queryParam('a=1&b=%D0%AF', 'b')).toBe('Я');
  });
});

describe('target URLs', () => {
  it('splits request targets, absolute-form included', () => {
    expect(splitTarget('/a/b?x=1&y')).toEqual({ path: '/a/b', query: 'x=1&y' });
    expect(splitTarget('http://h:1/p?q')).toEqual({ path: '/p', query: 'q' });
    expect(splitTarget('/')).toEqual({ path: '/', query: '' });
  });

  it('appends the recorded path to the target path and merges queries', () => {
    expect(joinTarget(new URL('http://127.0.0.1:9/'), '/hook', 'a=1')).toBe('http://127.0.0.1:9/hook?a=1');
    expect(joinTarget(new URL('http://127.0.0.1:9/bot/'), '/hook', '')).toBe('http://127.0.0.1:9/bot/hook');
    expect(joinTarget(new URL('http://127.0.0.1:9/bot?k=v'), '/', 'a=1')).toBe('http://127.0.0.1:9/bot?k=v&a=1');
  });

  it('matches path prefixes on segment boundaries', () => {
    expect(underPrefix('/hook', '/hook')).toBe(true);
    expect(underPrefix('/hook/x', '/hook')).toBe(true);
    expect(underPrefix('/hooks', '/hook')).toBe(false);
    expect(underPrefix('/anything', undefined)).toBe(true);
  });
});

describe('shared secret', () => {
  it('compares in constant time, with a length check', () => {
    expect(constantTimeEqual('abc', 'abc')).toBe(true);
    expect(constantTimeEqual('abcd', 'abc')).toBe(false);
    expect(constantTimeEqual('abd', 'abc')).toBe(false);
  });

  it('reads the secret from a header (Bearer accepted for authorization) or the query', () => {
    expect(checkSecret({ value: 's3cret', header: 'x-token' }, { 'x-token': 's3cret' }, '')).toBe(true);
    expect(checkSecret({ value: 's3cret', header: 'authorization' }, { authorization: 'Bearer s3cret' }, '')).toBe(
      true,
    );
    expect(checkSecret({ value: 's3cret', header: 'x-token' }, {}, '')).toBe(false);
    expect(checkSecret({ value: 's3cret', query: 'token' }, {}, 'token=s3cret')).toBe(true);
    expect(checkSecret({ value: 's3cret', query: 'token' }, {}, 'token=wrong')).toBe(false);
  });
});

describe('Pacer', () => {
  it('spaces starts evenly at --rate and keeps the original gaps with --preserve-timing', () => {
    let now = 1000;
    const rate = new Pacer({ ratePerSecond: 10, now: () => now });
    expect([rate.delayFor(''), rate.delayFor(''), rate.delayFor('')]).toEqual([0, 100, 200]);
    now = 1000;
    const timing = new Pacer({ preserveTiming: true, now: () => now });
    expect(timing.delayFor('2024-05-01T10:00:00.000Z')).toBe(0);
    expect(timing.delayFor('2024-05-01T10:00:02.500Z')).toBe(2500);
    now = 3000;
    expect(timing.delayFor('2024-05-01T10:00:03.000Z')).toBe(1000);
    expect(new Pacer({}).active).toBe(false);
  });
});
