import { describe, expect, it } from 'vitest';
import { renderError } from '../../src/render-error.js';
import { ApiError, AuthError, CancelledError, ConfigError, EXIT, UsageError } from '../../src/core/errors.js';
import { clearSecrets, registerBasicAuth, registerSecret } from '../../src/core/io/secrets.js';

function capture() {
  let text = '';
  return { stream: { write: (s: string) => (text += s) }, text: () => text };
}

describe('renderError', () => {
  it('maps each typed error to its documented exit code', () => {
    const cases: Array<[Error, number]> = [
      [new UsageError('bad flag'), EXIT.usage],
      [new ConfigError('bad file'), EXIT.usage],
      [new AuthError('refused'), EXIT.auth],
      [new ApiError('boom'), EXIT.failed],
      [new CancelledError(), EXIT.cancelled],
    ];
    for (const [err, code] of cases) expect(renderError(err, {}, capture().stream)).toBe(code);
  });

  it('prints message, cause and hint on one block, without a stack trace', () => {
    const out = capture();
    const err = new ApiError('Could not reach https://acme.omnidesk.ru', {
      hint: 'Check the URL.',
      cause: Object.assign(new Error('connect refused'), { code: 'ECONNREFUSED' }),
    });
    renderError(err, {}, out.stream);
    expect(out.text()).toContain('error: Could not reach https://acme.omnidesk.ru');
    expect(out.text()).toContain('cause: connect refused (ECONNREFUSED)');
    expect(out.text()).toContain('hint: Check the URL.');
    expect(out.text()).not.toMatch(/\n\s+at /);
  });

  it('redacts registered secrets, including Basic headers, in every line', () => {
    clearSecrets();
    const header = registerBasicAuth('admin@acme.ru', 'k3y-very-secret-value');
    registerSecret('tok-abcdef-123456');
    const out = capture();
    renderError(
      new AuthError(`refused with ${header} and k3y-very-secret-value`, { hint: 'token tok-abcdef-123456' }),
      {},
      out.stream,
    );
    expect(out.text()).not.toContain('k3y-very-secret-value');
    expect(out.text()).not.toContain(header.slice(6));
    expect(out.text()).not.toContain('tok-abcdef-123456');
    expect(out.text()).toContain('***');
    clearSecrets();
  });

  it('writes a JSON error document to stderr under --json', () => {
    const out = capture();
    const code = renderError(
      new UsageError('--port: must be a number', { details: { flag: '--port' } }),
      { json: true },
      out.stream,
    );
    expect(code).toBe(2);
    const doc = JSON.parse(out.text());
    expect(doc.error).toMatchObject({ code: 'usage', exitCode: 2, flag: '--port' });
  });

  it('treats an unknown throw as an internal error with exit 1 and no stack by default', () => {
    const out = capture();
    expect(renderError(new TypeError('x is undefined'), {}, out.stream)).toBe(1);
    expect(out.text()).toContain('internal error: x is undefined');
    expect(out.text()).not.toContain('at ');
  });

  it('treats inquirer Ctrl-C errors as cancellation (exit 130)', () => {
    const err = Object.assign(new Error('User force closed the prompt'), { name: 'ExitPromptError' });
    expect(renderError(err, {}, capture().stream)).toBe(130);
  });
});
