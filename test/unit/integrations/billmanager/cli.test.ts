/**
 * billmanager (seed 003) through main() against the sandbox and a stand-in for
 * BILLmanager's CGI that accepts only the right secret: apply twice, steps in every format and
 * language without the secret, verify passing, then wrong URL / wrong type / wrong secret /
 * missing data field each failing alone; and `billmanager fields lint` on good and broken files.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  failedIds,
  startReceiver,
  statuses,
  workspace,
  type Receiver,
  type Workspace,
} from '../../../helpers/workspace.js';

const SECRET = 'bm-e2e-secret-5f1c9a7e3b2d';
const TITLE = 'BILLmanager';
let ws: Workspace;
let cgi: Receiver;

const VALUES = `{
  "client_id": { "entity": "user", "name": "ID клиента", "sql": "SELECT account FROM user WHERE id = __id__" },
  "ticket": { "entity": "case", "name": "Номер тикета", "sql": "SELECT t.id FROM ticket t WHERE t.id = __id__" }
}
`;

function integration(over: Record<string, unknown> = {}) {
  return {
    recipe: 'billmanager',
    name: 'bm',
    billmanagerUrl: cgi.url,
    secret: '${BILLMANAGER_SECRET}',
    fieldsFile: 'custom_fields_values.json',
    fields: [
      { key: 'client_id', entity: 'user', omnideskField: 'ID клиента' },
      { key: 'ticket', entity: 'case', omnideskField: 'Номер тикета' },
    ],
    ...over,
  };
}

const goodUrl = () => `${cgi.url}/mancgi/omnidesk_webhook?${SECRET}`;

async function editChannel(over: { webhookUrl?: string; channelType?: 'async' | 'sync' }) {
  await ws.admin('POST', '/_sandbox/custom-channels', {
    title: TITLE,
    webhookUrl: goodUrl(),
    channelType: 'async',
    ...over,
  });
}

function noSecret(text: string) {
  expect(text).not.toContain(SECRET);
}

beforeAll(async () => {
  // BILLmanager's CGI refuses a request whose query string is not the secret.
  cgi = await startReceiver((req) => (new URL(req.url ?? '/', 'http://x').search === `?${SECRET}` ? 200 : 403));
  ws = await workspace({ BILLMANAGER_SECRET: SECRET });
  await writeFile(join(ws.dir, 'custom_fields_values.json'), VALUES);
  await ws.writeConfig([integration()]);
});

afterAll(async () => {
  await ws?.close();
  await cgi?.close();
});

describe('billmanager e2e', () => {
  it('apply performs the channel and the data fields on the sandbox once; the second run creates nothing', async () => {
    const first = await ws.json(['apply', '--yes']);
    noSecret(first.result.stdout + first.result.stderr);
    const acted = first.data.resources.filter((r: any) => r.action === 'sandbox').map((r: any) => r.resource);
    expect(acted).toEqual(['custom-channel', 'data-field-client_id', 'data-field-ticket']);
    expect((await ws.state()).resources['bm/custom-channel'].id).toMatch(/^cch\d+$/);

    const second = await ws.json(['apply', '--yes']);
    expect(second.data.summary).toMatchObject({ created: 0, adopted: 0, sandbox: 0 });
    // Only the steps no sandbox can do are left: the API key and BILLmanager's own panel.
    expect(second.data.resources.filter((r: any) => r.action === 'pending').map((r: any) => r.resource)).toEqual([
      'api-key',
      'bm-module',
      'bm-params',
      'bm-staff',
      'bm-rights',
      'bm-fields',
      'bm-rating',
    ]);
    const channels = await ws.admin<any[]>('GET', '/_sandbox/custom-channels');
    expect(channels.filter((c) => c.title === TITLE)).toHaveLength(1);
    expect(channels.find((c) => c.title === TITLE).webhook_url).toBe(goodUrl());
  });

  it('plan shows the channel with the secret masked, as text and as JSON', async () => {
    for (const args of [['plan'], ['plan', '--json'], ['plan', '--verbose']]) {
      const result = await ws.cli(args);
      noSecret(result.stdout + result.stderr);
      expect(result.stdout).toContain('custom-channel');
    }
  });

  it.each([
    [
      'text',
      'ru',
      [
        'https://URL/mancgi/omnidesk_webhook?{secret_key}',
        '/mancgi/omnidesk_webhook?***',
        'Каналы → Управление обращениями → Поля данных',
        'Провайдер → Сотрудники → Создать',
        'в подписи каждого ответа сотрудника',
      ],
    ],
    ['markdown', 'ru', ['Интеграции → Модули', 'найдите группу Поддержка', 'Настройки → Оценка ответов']],
    ['json', 'ru', ['"kind": "omnidesk.custom-channel"', '"kind": "omnidesk.custom-field"', '"field_level": "case"']],
    ['text', 'en', ['full rights on the custom and e-mail channels', '«Параметры интеграции»']],
    ['markdown', 'en', ['BILLmanager: reply ratings', 'Omnidesk: data field «ID клиента»']],
    ['json', 'en', ['"lang": "en"', '"topic": "billmanager.rating"']],
  ])('steps --format %s --lang %s never shows the secret', async (format, lang, phrases) => {
    const result = await ws.cli(['steps', '--format', format, '--lang', lang]);
    expect(result.exitCode).toBe(0);
    for (const phrase of phrases) expect(result.stdout).toContain(phrase);
    noSecret(result.stdout + result.stderr);
  });

  it('verify --e2e passes: channel, URL, secret, type, staff, fields, values file, CGI, round trip', async () => {
    const { result, data } = await ws.json(['verify', '--e2e', '--timeout', '20s']);
    noSecret(result.stdout + result.stderr);
    expect(failedIds(data), result.stdout).toEqual([]);
    expect(statuses(data)).toMatchObject({
      'bm/custom-channel': 'pass',
      'bm/custom-channel-webhook': 'pass',
      'bm/custom-channel-secret': 'pass',
      'bm/custom-channel-type': 'pass',
      'bm/integration-staff': 'pass',
      'bm/data-field-client_id': 'pass',
      'bm/data-field-ticket': 'pass',
      'bm/fields-file': 'pass',
      'bm/endpoint': 'pass',
      'bm/e2e-message-new': 'pass',
    });
    // The sample and the staff reply both reached the CGI with the secret.
    const hits = cgi.received.filter((r) => r.url === `/mancgi/omnidesk_webhook?${SECRET}`);
    expect(hits.length).toBeGreaterThanOrEqual(2);
    expect(hits.every((h) => h.contentType.includes('application/x-www-form-urlencoded'))).toBe(true);
  });

  it('send reaches the CGI URL with the secret', async () => {
    const before = cgi.received.length;
    const result = await ws.cli(['send', 'omnidesk.message_new', '--to', goodUrl()]);
    expect(result.exitCode).toBe(0);
    expect(cgi.received.slice(before).map((r) => r.url)).toEqual([`/mancgi/omnidesk_webhook?${SECRET}`]);
  });

  it('a wrong secret fails only the secret check, and never prints either secret', async () => {
    await editChannel({ webhookUrl: `${cgi.url}/mancgi/omnidesk_webhook?old-secret-value-42` });
    try {
      const { result, data } = await ws.json(['verify']);
      expect(result.exitCode).toBe(1);
      expect(failedIds(data)).toEqual(['bm/custom-channel-secret']);
      const check = data.checks.find((c: any) => c.id === 'bm/custom-channel-secret');
      expect(check.message).toContain('differs from the configured secret');
      expect(check.step).toMatchObject({ id: 'custom-channel' });
      noSecret(result.stdout + result.stderr);
      expect(result.stdout + result.stderr).not.toContain('old-secret-value-42');
      for (const args of [['verify'], ['plan'], ['plan', '--json']]) {
        const other = await ws.cli(args);
        expect(other.stdout + other.stderr).toContain('differs from the configured secret');
        noSecret(other.stdout + other.stderr);
        expect(other.stdout + other.stderr).not.toContain('old-secret-value-42');
      }
    } finally {
      await editChannel({});
    }
  });

  it('a wrong Webhook URL (right secret) fails only the URL check', async () => {
    await editChannel({ webhookUrl: `https://billing.example.com/mancgi/omnidesk_webhook?${SECRET}` });
    try {
      const { data, result } = await ws.json(['verify']);
      expect(failedIds(data)).toEqual(['bm/custom-channel-webhook']);
      expect(data.checks.find((c: any) => c.id === 'bm/custom-channel-webhook').message).toContain(
        'points to https://billing.example.com/mancgi/omnidesk_webhook',
      );
      noSecret(result.stdout + result.stderr);
    } finally {
      await editChannel({});
    }
  });

  it('a wrong type fails only the type check', async () => {
    await editChannel({ channelType: 'sync' });
    try {
      const { data } = await ws.json(['verify']);
      expect(failedIds(data)).toEqual(['bm/custom-channel-type']);
    } finally {
      await editChannel({});
    }
  });

  it('a missing data field fails only its own check, naming its step', async () => {
    await writeFile(
      join(ws.dir, 'custom_fields_values.json'),
      VALUES.replace(
        '\n}',
        ',\n  "tariff": { "entity": "user", "name": "Тариф", "sql": "SELECT tariff FROM user WHERE id = __id__" }\n}',
      ),
    );
    const fields = [...integration().fields, { key: 'tariff', entity: 'user', omnideskField: 'Тариф' }];
    await ws.writeConfig([integration({ fields })]);
    try {
      const { data } = await ws.json(['verify']);
      expect(failedIds(data)).toEqual(['bm/data-field-tariff']);
      const check = data.checks.find((c: any) => c.id === 'bm/data-field-tariff');
      expect(check.message).toBe('no data field «Тариф»');
      expect(check.step).toMatchObject({ id: 'data-field-tariff' });
    } finally {
      await writeFile(join(ws.dir, 'custom_fields_values.json'), VALUES);
      await ws.writeConfig([integration()]);
    }
  });

  it('a CGI that refuses the secret fails the endpoint check, pointing at the module parameters', async () => {
    await ws.writeConfig([integration({ secret: 'another-secret-abcdef12' })]);
    try {
      const { data, result } = await ws.json(['verify', '--only', 'bm/endpoint']);
      expect(failedIds(data)).toEqual(['bm/endpoint']);
      const check = data.checks.find((c: any) => c.id === 'bm/endpoint');
      expect(check.message).toContain('refused the secret (403)');
      expect(check.step).toMatchObject({ id: 'bm-params' });
      expect(result.stdout + result.stderr).not.toContain('another-secret-abcdef12');
    } finally {
      await ws.writeConfig([integration()]);
    }
  });
});

describe('billmanager fields lint (CLI)', () => {
  async function lint(text: string, ...flags: string[]) {
    await writeFile(join(ws.dir, 'values.json'), text);
    return ws.cli(['billmanager', 'fields', 'lint', 'values.json', ...flags]);
  }

  it('accepts a valid file: exit 0, nothing on stdout', async () => {
    const result = await lint(VALUES);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('values.json: valid, 2 values (client_id, ticket)');
  });

  it.each([
    [
      'duplicate key',
      VALUES.replace('"ticket"', '"client_id"'),
      'values.json:3:3: duplicate key "client_id" (first at line 2); JSON keeps only the last one',
    ],
    [
      'missing comma',
      VALUES.replace('},\n  "ticket"', '}\n  "ticket"'),
      'values.json:3:3: expected "," or "}" before the next key (a missing comma?)',
    ],
    [
      'trailing comma',
      VALUES.replace('__id__" }\n}', '__id__" },\n}'),
      'values.json:4:1: unexpected "}" after ","; trailing commas are not allowed in JSON',
    ],
    ['not an object', '[\n  1\n]\n', 'values.json:1:1: the top level must be an object'],
    ['empty file', '\n\n', 'values.json:3:1: the file is empty; expected a JSON object'],
    [
      'bad entity',
      VALUES.replace('"entity": "case"', '"entity": "cases"'),
      'values.json:3:25: "ticket".entity must be "user" or "case", got "cases"',
    ],
    ['empty name', VALUES.replace('"ID клиента"', '""'), 'values.json:2:44: "client_id".name must not be empty'],
    [
      'no sql',
      VALUES.replace(', "sql": "SELECT account FROM user WHERE id = __id__"', ''),
      'values.json:2:16: "client_id" has no "sql"',
    ],
    [
      'not a SELECT',
      VALUES.replace('SELECT account FROM user', 'DELETE FROM user'),
      'values.json:2:65: "client_id".sql must be a SELECT statement; it starts with "DELETE"',
    ],
    [
      'two statements',
      VALUES.replace('WHERE id = __id__"', 'WHERE id = __id__; DROP TABLE user"'),
      'values.json:2:65: "client_id".sql must be a single statement',
    ],
    [
      'no __id__',
      VALUES.replace('WHERE t.id = __id__', 'LIMIT 1'),
      'values.json:3:64: "ticket".sql does not use __id__',
    ],
    [
      'DML keyword',
      VALUES.replace('WHERE id = __id__"', "WHERE id = __id__ INTO OUTFILE '/tmp/x'\""),
      'values.json:2:65: "client_id".sql must only read data; it contains INTO',
    ],
    ['comment', '{\n  // ids\n}\n', 'values.json:2:3: comments are not allowed in JSON'],
  ])('%s: exit 1 with file:line:col', async (_name, text, expected) => {
    const result = await lint(text);
    expect(result.exitCode).toBe(1);
    expect(result.stdout.split('\n')[0]).toContain(expected);
  });

  it('--json gives one document with the diagnostics', async () => {
    const result = await lint(VALUES.replace('"entity": "user"', '"entity": "user", "kind": 1'), '--json');
    expect(result.exitCode).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({ file: 'values.json', valid: true, errors: 0, warnings: 1 });
    expect(report.diagnostics[0]).toMatchObject({ line: 2, severity: 'warning', code: 'unknown_key' });
  });

  it('an unreadable file is exit 2 with an error naming it', async () => {
    const result = await ws.cli(['billmanager', 'fields', 'lint', 'nope.json']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('cannot read nope.json: no such file');
    expect(result.stdout).toBe('');
  });

  it('a missing file argument is a usage error (exit 2)', async () => {
    const result = await ws.cli(['billmanager', 'fields', 'lint']);
    expect(result.exitCode).toBe(2);
  });
});
