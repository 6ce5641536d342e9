/**
 * No request body, config or `--set` path reaches Object.prototype. Each entry point that decodes
 * PHP-bracket forms (listen's detection, `events` decoding, both sandboxes' body parsers, the
 * reference bot, `capture redact`) is fed the classic payloads, in this process, and
 * `({}).x` must stay undefined; config keys and `--set` paths through them are exit 2.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { decodeBody } from '../../../src/events/decode.js';
import { detectEvent } from '../../../src/events/detect.js';
import { setPath } from '../../../src/events/fields.js';
import { decodeForm, newFormTree, placeFormValue, splitBracketKey } from '../../../src/core/php-form.js';
import { parseBody } from '../../../src/core/webhook-body.js';
import { redactBody } from '../../../src/capture/redact.js';
import { Placeholders } from '../../../src/capture/placeholders.js';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox/index.js';
import { runCli, startCli, type RunningCli } from '../../helpers/run-cli.js';
import { tempDir } from '../../helpers/temp-dir.js';

const FORMS = [
  '__proto__[x]=1',
  'constructor[prototype][x]=1',
  '%5F%5Fproto%5F%5F%5Bx%5D=1',
  'a[__proto__][x]=1&a[constructor][prototype][x]=1',
  '__proto__[]=1&__proto__[x][y]=1',
  'type=message_new&object[__proto__][x]=1&object[case_id]=5',
];

function polluted(): unknown[] {
  const probe = {} as Record<string, unknown>;
  return [
    probe.x,
    probe.y,
    (Object.prototype as Record<string, unknown>).x,
    ([] as unknown as Record<string, unknown>).x,
  ];
}

afterEach(() => {
  const leaked = polluted();
  // Clean up first, so one failure does not cascade into every later test of the run.
  delete (Object.prototype as Record<string, unknown>).x;
  delete (Object.prototype as Record<string, unknown>).y;
  expect(leaked).toEqual([undefined, undefined, undefined, undefined]);
});

const basic = (email: string, key: string) => `Basic ${Buffer.from(`${email}:${key}`).toString('base64')}`;

function multipart(name: string): FormData {
  const fd = new FormData();
  fd.append(name, '1');
  fd.append('case[subject]', 'hello');
  return fd;
}

describe('the form codec', () => {
  it.each(FORMS)('decodeForm(%j) writes nothing through the prototype chain', (body) => {
    const tree = decodeForm(body);
    expect(Object.keys(tree)).not.toContain('__proto__');
    expect(polluted()).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('placeFormValue refuses the three keys at any depth', () => {
    const root = newFormTree();
    for (const key of ['__proto__[x]', 'a[constructor][prototype][x]', 'a[b][prototype]']) {
      expect(placeFormValue(root, splitBracketKey(key), '1')).toBe(false);
    }
    expect(Object.keys(root)).toEqual([]);
  });
});

describe('decoders inside omnibot', () => {
  it.each(FORMS)('events decoding and detection of %j', (body) => {
    for (const type of ['application/x-www-form-urlencoded', '']) {
      expect(decodeBody(type, Buffer.from(body)).ok).toBe(true);
      expect(() => detectEvent(type, Buffer.from(body))).not.toThrow();
    }
  });

  it.each(FORMS)('the reference bot and capture redact read %j', (body) => {
    expect(parseBody('application/x-www-form-urlencoded', body)).toBeTypeOf('object');
    expect(redactBody(body, 'application/x-www-form-urlencoded', new Placeholders())).toContain('=');
    expect(redactBody(body, '', new Placeholders())).toContain('=');
  });

  it('setPath refuses a path through the prototype chain', () => {
    for (const path of ['__proto__.x', 'constructor.prototype.x', 'a.__proto__.x']) {
      expect(() => setPath({}, path, 1)).toThrow(/not allowed/);
    }
  });
});

describe('servers fed hostile forms', () => {
  let sandbox: RunningSandbox;
  let listen: RunningCli;
  let listenUrl: string;
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ dir, cleanup } = await tempDir('omnibot-pollution-'));
    sandbox = await startSandbox({ bot: 'reference' });
    listen = startCli(['listen', '--port', '0', '--capture', join(dir, 'c.ndjson')], { cwd: dir });
    listenUrl = (await listen.ready()).url!;
  });
  afterAll(async () => {
    await listen?.stop();
    await sandbox?.close();
    await cleanup?.();
  });

  const form = { 'content-type': 'application/x-www-form-urlencoded' };

  it.each(FORMS)('listen records %j and keeps recording', async (body) => {
    const res = await fetch(`${listenUrl}hook`, { method: 'POST', headers: form, body });
    expect(res.status).toBe(200);
    const after = await fetch(`${listenUrl}hook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"ok":1}',
    });
    expect(after.status).toBe(200);
  });

  it.each(FORMS)('the Omnidesk sandbox parses %j (form and multipart) without a 500', async (body) => {
    const auth = { authorization: basic('admin@sandbox.test', 'sandbox-api-key') };
    const a = await fetch(`${sandbox.omnidesk.url}/api/cases.json`, {
      method: 'POST',
      headers: { ...auth, ...form },
      body,
    });
    expect(a.status).toBeGreaterThanOrEqual(400);
    expect(a.status).toBeLessThan(500);
    const name = decodeURIComponent(body.split('=')[0]!);
    const b = await fetch(`${sandbox.omnidesk.url}/api/cases.json`, {
      method: 'POST',
      headers: auth,
      body: multipart(name),
    });
    expect(b.status).toBeLessThan(500);
  });

  it.each(FORMS)('the HelpDeskEddy sandbox parses %j (form and multipart) without a 500', async (body) => {
    const auth = { authorization: basic('admin@sandbox.test', 'sandbox-api-key') };
    const a = await fetch(`${sandbox.helpdeskeddy.url}/api/v2/tickets/`, {
      method: 'POST',
      headers: { ...auth, ...form },
      body,
    });
    expect(a.status).toBeLessThan(500);
    const name = decodeURIComponent(body.split('=')[0]!);
    const b = await fetch(`${sandbox.helpdeskeddy.url}/api/v2/tickets/`, {
      method: 'POST',
      headers: auth,
      body: multipart(name),
    });
    expect(b.status).toBeLessThan(500);
  });

  it.each(FORMS)('the reference bot answers %j', async (body) => {
    const res = await fetch(sandbox.bot!.url, { method: 'POST', headers: form, body });
    expect(res.status).toBeLessThan(500);
  });

  it(
    'the HelpDeskEddy sandbox refuses a map where an id ' + 'belongs, as a 400 (String() of a form map throws)',
    async () => {
      const auth = { authorization: basic('admin@sandbox.test', 'sandbox-api-key') };
      const body = 'options[0][pid][x]=1&options[0][name][ru]=a';
      const res = await fetch(`${sandbox.helpdeskeddy.url}/api/v2/custom_fields/1/options`, {
        method: 'POST',
        headers: { ...auth, ...form },
        body,
      });
      expect(res.status).toBe(400);
      expect(await res.text()).toContain('options[0].pid must be a number');
    },
  );

  it('the HelpDeskEddy sandbox refuses a map where text belongs, as a 400', async () => {
    const auth = { authorization: basic('admin@sandbox.test', 'sandbox-api-key') };
    const res = await fetch(`${sandbox.helpdeskeddy.url}/api/v2/tickets/`, {
      method: 'POST',
      headers: { ...auth, ...form },
      body: 'title[a]=1&description=x&user_id=1',
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('title');
  });
});

describe('config and --set', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeAll(async () => ({ dir, cleanup } = await tempDir('omnibot-pollution-config-')));
  afterAll(() => cleanup());

  it.each([
    ['omnibot.config.json', '{"__proto__": {"x": 1}, "integrations": []}', '__proto__'],
    [
      'omnibot.config.json',
      '{"integrations": [{"recipe": "chaport", "constructor": {"prototype": {"x": 1}}}]}',
      'constructor',
    ],
    ['omnibot.config.yaml', 'integrations: []\n__proto__:\n  x: 1\n', '__proto__'],
  ])('%s with %s is exit 2 naming the key', async (name, text, key) => {
    const sub = join(dir, `${key}-${name}`);
    await mkdir(sub, { recursive: true });
    await writeFile(join(sub, name), text);
    const r = await runCli(['plan'], { cwd: sub });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(`"${key}" is not allowed`);
  });

  it('send --set through __proto__ is exit 2 and sends nothing', async () => {
    const r = await runCli(['send', 'omnidesk.incoming', '--to', 'http://127.0.0.1:9/', '--set', '__proto__[x]=1'], {
      cwd: dir,
    });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('--set __proto__[x]');
  });
});
