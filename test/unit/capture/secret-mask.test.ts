/**
 * Masking and restoring agree: every place a webhook carries a credential is shown as `***`,
 * and replay puts the real value back from what it knows or refuses, naming the flag.
 */
import { describe, expect, it } from 'vitest';
import type { CaptureRecord } from '../../../src/capture/record.js';
import {
  isCredentialHeader,
  isCredentialParam,
  maskPath,
  maskQuery,
  maskRecord,
  maskUrl,
} from '../../../src/capture/secret-mask.js';
import { restoreRequest, type RestoreSources } from '../../../src/webhooks/restore-secrets.js';

const TOKEN = 'Zq3xV9mK2pL7wR4tY8uB1nC6vD5fG0hJ-_aQeWsXd';

const record = (over: Partial<CaptureRecord>): CaptureRecord => ({
  v: 1,
  id: 'r1',
  receivedAt: '2024-05-01T10:00:00.000Z',
  method: 'POST',
  path: '/hook',
  query: '',
  headers: { 'content-type': 'application/json' },
  body: '{}',
  event: null,
  valid: false,
  response: { status: 200, ms: 1 },
  ...over,
});

const none = (): RestoreSources => ({
  known: { pathTokens: [], queryValues: new Map() },
  query: new Map(),
  headerNames: new Set(),
});

describe('masking', () => {
  it('knows credential query parameters by name, and leaves other names alone', () => {
    for (const name of [
      'token',
      'access_token',
      'api_key',
      'apikey',
      'key',
      'secret',
      'secret_key',
      'password',
      'auth',
      'signature',
      'sig',
      'bot_token',
      'client_secret',
      'X-Token',
    ])
      expect(isCredentialParam(name), name).toBe(true);
    for (const name of ['case_id', 'ticket', 'keyword', 'monkey', 'page', 'sort', 'tokenizer', 'author'])
      expect(isCredentialParam(name), name).toBe(false);
  });

  it("masks credential values in a query, byte for byte elsewhere, and BILLmanager's bare secret", () => {
    expect(maskQuery('a=1&token=t0k3n&b=%D0%AF&access_token=x&api%5Fkey=y&page=2')).toBe(
      'a=1&token=***&b=%D0%AF&access_token=***&api%5Fkey=***&page=2',
    );
    expect(maskQuery('x=1&hook=abc', '/', 'hook')).toBe('x=1&hook=***');
    expect(maskQuery('s3cr3t-value', '/mancgi/omnidesk_webhook')).toBe('***');
    expect(maskQuery('plain', '/elsewhere')).toBe('plain');
  });

  it('masks the token segment of the known webhook forms and long generated segments, not ordinary ids', () => {
    expect(maskPath(`/helpdeskeddy/${TOKEN}`)).toBe('/helpdeskeddy/***');
    expect(maskPath('/helpdeskeddy/short')).toBe('/helpdeskeddy/***');
    expect(maskPath('/helpdeskeddy')).toBe('/helpdeskeddy');
    expect(maskPath(`/api/bots/helpdeskeddy_bot/webhook/${TOKEN}`)).toBe('/api/bots/helpdeskeddy_bot/webhook/***');
    expect(maskPath(`/x/${TOKEN}/y`)).toBe('/x/***/y');
    expect(maskPath('/omnidesk/cases/88120045')).toBe('/omnidesk/cases/88120045');
    expect(maskPath('/files/3f2b8c1e-9a7d-4e61-b0c2-5d8f7a6e4c3b')).toBe('/files/3f2b8c1e-9a7d-4e61-b0c2-5d8f7a6e4c3b');
  });

  it('masks credential-shaped headers and Basic/Bearer values anywhere, repeated values included', () => {
    for (const name of [
      'authorization',
      'cookie',
      'set-cookie',
      'x-api-key',
      'x-auth-token',
      'x-access-token',
      'x-webhook-secret',
      'proxy-authorization',
    ])
      expect(isCredentialHeader(name), name).toBe(true);
    for (const name of ['content-type', 'user-agent', 'x-request-id', 'accept'])
      expect(isCredentialHeader(name), name).toBe(false);
    const masked = maskRecord(
      record({
        path: `/helpdeskeddy/${TOKEN}`,
        query: 'token=abc&x=1',
        headers: { 'content-type': 'application/json', 'x-forwarded-auth': 'Bearer zzz', 'x-hook': 'h', cookie: 'a=b' },
        repeatedHeaders: { cookie: ['a=b', 'c=d'] },
      }),
      { secretHeader: 'x-hook' },
    );
    expect(masked.path).toBe('/helpdeskeddy/***');
    expect(masked.query).toBe('token=***&x=1');
    expect(masked.headers).toEqual({
      'content-type': 'application/json',
      'x-forwarded-auth': '***',
      'x-hook': '***',
      cookie: '***',
    });
    expect(masked.repeatedHeaders).toEqual({ cookie: ['***', '***'] });
  });

  it('masks a URL for display', () => {
    expect(maskUrl(`http://127.0.0.1:1/helpdeskeddy/${TOKEN}?token=abc&b=1`)).toBe(
      'http://127.0.0.1:1/helpdeskeddy/***?token=***&b=1',
    );
  });
});

describe('restoring for replay', () => {
  it('puts a path token back from the one the config knows, and picks by URL form among several', () => {
    const sources = none();
    sources.known.pathTokens.push({ source: 'integration "hde"', value: TOKEN, maskedPath: '/helpdeskeddy/***' });
    const one = restoreRequest(record({ path: '/helpdeskeddy/***' }), sources);
    expect(one).toMatchObject({ ok: true, path: `/helpdeskeddy/${TOKEN}` });
    sources.known.pathTokens.push({
      source: 'integration "other"',
      value: 'other-token-123',
      maskedPath: '/api/bots/helpdeskeddy_bot/webhook/***',
    });
    expect(restoreRequest(record({ path: '/api/bots/helpdeskeddy_bot/webhook/***' }), sources)).toMatchObject({
      ok: true,
      path: '/api/bots/helpdeskeddy_bot/webhook/other-token-123',
    });
    expect(restoreRequest(record({ path: '/elsewhere/***' }), sources)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/--token-env/),
    });
  });

  it('refuses, naming the flag, when nothing supplies a masked value', () => {
    expect(restoreRequest(record({ path: '/helpdeskeddy/***' }), none())).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/--token-env <VAR>/),
    });
    expect(restoreRequest(record({ query: 'a=1&access_token=***' }), none())).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/--query-env access_token=<VAR>/),
    });
    expect(restoreRequest(record({ query: '***' }), none())).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/--query-env secret_key=<VAR>/),
    });
    expect(restoreRequest(record({ headers: { authorization: '***' } }), none())).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/--header "authorization: …"/),
    });
  });

  it('takes flags first, then the config; a header given by --header is left to the flag', () => {
    const sources = none();
    sources.query.set('access_token', 'from flag');
    sources.known.queryValues.set('secret_key', { source: 'BILLMANAGER_SECRET', value: 'bm secret/1' });
    sources.headerNames = new Set(['authorization']);
    const out = restoreRequest(
      record({ query: 'access_token=***&x=1', headers: { authorization: '***', 'x-a': '1' } }),
      sources,
    );
    expect(out).toEqual({ ok: true, path: '/hook', query: 'access_token=from%20flag&x=1', headers: [['x-a', '1']] });
    expect(restoreRequest(record({ query: '***' }), sources)).toMatchObject({ ok: true, query: 'bm%20secret%2F1' });
  });

  it('sends repeated headers repeated and drops hop-by-hop ones', () => {
    const out = restoreRequest(
      record({
        headers: { host: 'h', 'content-length': '2', 'x-multi': '1, 2', 'content-type': 'a' },
        repeatedHeaders: { 'x-multi': ['1', '2'] },
      }),
      none(),
    );
    expect(out).toMatchObject({
      ok: true,
      headers: [
        ['x-multi', '1'],
        ['x-multi', '2'],
        ['content-type', 'a'],
      ],
    });
  });
});
