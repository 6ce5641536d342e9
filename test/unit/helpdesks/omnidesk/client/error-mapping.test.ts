import { describe, expect, it } from 'vitest';
import { ApiError, AuthError, EXIT } from '../../../../../src/core/errors.js';
import { mapHttpError, mapNetworkError } from '../../../../../src/helpdesks/omnidesk/client/error-mapping.js';

const req = { method: 'GET', path: '/api/labels.json', baseUrl: 'https://acme.omnidesk.ru', email: 'admin@acme.ru' };
const res = (status: number, data: unknown, text = data === undefined ? '' : JSON.stringify(data)) => ({
  status,
  data,
  text,
});

describe('mapHttpError', () => {
  it('maps 401 to an AuthError (exit 3) naming the e-mail and where the key lives', () => {
    const err = mapHttpError(req, res(401, undefined));
    expect(err).toBeInstanceOf(AuthError);
    expect(err.exitCode).toBe(EXIT.auth);
    expect(err.message).toContain('admin@acme.ru');
    expect(err.hint).toContain('«Настройки» → «API»');
    expect(err.hint).toContain('https://acme.omnidesk.ru/admin/settings/api/');
  });

  it('maps 403 to a permission AuthError, but not when the code blames the data', () => {
    expect(mapHttpError(req, res(403, { error: 'staff_has_not_access' })).code).toBe('permission');
    const dataErr = mapHttpError(req, res(403, { error: 'staff_not_active' }));
    expect(dataErr).toBeInstanceOf(ApiError);
    expect((dataErr as ApiError).apiCode).toBe('staff_not_active');
  });

  it('maps {"error": "*_not_found"} to code not_found with the apiCode', () => {
    const err = mapHttpError(req, res(404, { error: 'case_not_found' })) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.code).toBe('not_found');
    expect(err.apiCode).toBe('case_not_found');
    expect(err.status).toBe(404);
    expect(err.exitCode).toBe(EXIT.failed);
  });

  it('keeps other codes as apiCode with code api', () => {
    const err = mapHttpError(req, res(400, { error: 'incorrect_user_email' })) as ApiError;
    expect(err.code).toBe('api');
    expect(err.apiCode).toBe('incorrect_user_email');
    expect(err.message).toContain('incorrect_user_email');
  });

  it('recognises the old 403 "rate limit exceeded" and 429 as rate limiting', () => {
    const old = mapHttpError(req, res(403, undefined, 'Rate limit exceeded')) as ApiError;
    expect(old.code).toBe('rate_limited');
    const now = mapHttpError(req, { ...res(429, { error: 'rate_limit' }), retryAfterMs: 7000 }) as ApiError;
    expect(now.code).toBe('rate_limited');
    expect(now.message).toContain('7 s');
  });

  it('says so when the body is not JSON', () => {
    const err = mapHttpError(req, { ...res(400, undefined, '<html>Bad request</html>'), contentType: 'text/html' });
    expect(err.code).toBe('bad_response');
    expect(err.message).toContain('not JSON');
    expect(err.message).toContain('text/html');
  });

  it('maps every 5xx to server_error, whatever the body', () => {
    expect(mapHttpError(req, res(503, undefined)).code).toBe('server_error');
    expect(mapHttpError(req, res(502, undefined, '<html>Bad gateway</html>')).code).toBe('server_error');
    const coded = mapHttpError(req, res(500, { error: 'internal' })) as ApiError;
    expect(coded.code).toBe('server_error');
    expect(coded.apiCode).toBe('internal');
  });
});

describe('mapNetworkError', () => {
  const sys = (code: string) => Object.assign(new Error(`connect ${code}`), { code });

  it('names the URL and the cause in plain words', () => {
    const refused = mapNetworkError(req, sys('ECONNREFUSED'), 15_000);
    expect(refused.code).toBe('unreachable');
    expect(refused.exitCode).toBe(EXIT.failed);
    expect(refused.message).toContain('https://acme.omnidesk.ru');
    expect(refused.message).toContain('connection was refused');
    expect(mapNetworkError(req, sys('ENOTFOUND'), 1).message).toContain('could not be resolved');
    expect(mapNetworkError(req, sys('ECONNRESET'), 1).code).toBe('network');
  });

  it('reports a timeout with the limit', async () => {
    const signal = AbortSignal.timeout(1);
    await new Promise((r) => signal.addEventListener('abort', r, { once: true }));
    const err = mapNetworkError(req, signal.reason, 15_000);
    expect(err.code).toBe('timeout');
    expect(err.message).toContain('15 s');
  });
});
