/**
 * No HelpDeskEddy sandbox route answers 500 or dies on malformed input (issue 10, item 5): every
 * route of the docs/sandbox.md table is called with ids that name nothing, with junk query
 * parameters, and (on writes) with broken or wrongly typed bodies in each content type. Every
 * answer must be the API's own error array (`e-4xx`) or data, and the server must still serve.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docRows } from '../../../../helpers/reference-endpoints.js';
import { basic, hde, startSandbox, type HdeSandbox } from '../../../../helpers/sandbox-hde.js';

const ROWS = docRows(readFileSync(new URL('../../../../../docs/sandbox.md', import.meta.url), 'utf8'), 'HelpDeskEddy');
let sandbox: HdeSandbox;
const real: Record<string, string> = {};

const WRONG_TYPES = JSON.stringify({
  title: { a: 1 },
  description: ['x'],
  text: { x: 1 },
  name: ['n'],
  email: 42,
  user_id: '1; DROP TABLE',
  owner_id: -1,
  priority_id: Infinity,
  type_id: 'x',
  status_id: ['open'],
  custom_fields: { '1': { a: { b: 1 } }, '4': [[1]], x: 1 },
  options: [null, 1, 'x', { name: null }, { id: 'x', name: { ru: {} } }, { pid: 99, name: 'a' }],
  ticket_list: [{ a: 1 }, 'x'],
  cc: [{}],
  followers: ['x'],
  tags: [[1]],
  employees: 'x,y',
  managers: [{ a: 1 }],
  department: [{ a: 1 }],
  sla_date: '99.99.9999 99:99',
  freeze_date: {},
  status: 'x',
  notifications: 7,
  create_from_user: 'maybe',
  ticket_lock: [],
  __proto__: { polluted: true },
});

const BODIES: Array<[string, string]> = [
  ['application/json', '{'],
  ['application/json', '[1,2]'],
  ['application/json', '"text"'],
  ['application/json', 'null'],
  ['application/json', WRONG_TYPES],
  ['application/json', '{"constructor":{"prototype":{"polluted":true}},"__proto__":{"polluted":true}}'],
  [
    'application/x-www-form-urlencoded',
    '__proto__[polluted]=1&title[]=a&text[a][b]=c&options=1&custom_fields=%7Bbad' +
      '&ticket_list[x][y]=1&%zz=%zz&cc=not-an-email',
  ],
  [
    'application/x-www-form-urlencoded',
    'options[0][name][ru][x]=1&options[1]=2&custom_fields[1][2][3]=4&department=a,b',
  ],
  ['multipart/form-data', 'no boundary'],
  ['multipart/form-data; boundary=b', '--b\r\nContent-Disposition: form-data; name="text"\r\n\r\nnever closed'],
  [
    'multipart/form-data; boundary=b',
    '--b\r\nContent-Disposition: form-data; name="files[0]"; filename="x.bin"\r\n\r\n\u0000\u00ff\r\n--b--',
  ],
  ['text/plain', '\u0000\u00ff binary \u0001'],
  ['', 'a=b=c&&=&[=]'],
];

const IDS = ['999999', 'abc', '-1', '%zz', '1e5', '99999999999999999999', '%2e%2e', '%00'];
const QUERY =
  '?page=-1&order_by=%7B%7D,date_created%7Bsideways%7D&status_list=%zz&from_date_created=2025-13-45' +
  '&priority_list[]=x&deleted=2&public=maybe&pid=x';

/** Real ids where the route has records, so bad bodies reach the handlers' own checks. */
function withRealIds(path: string): string {
  return path
    .replace(/\/users\/custom_fields\/\{id\}/, '/users/custom_fields/11')
    .replace(/\/organizations\/custom_fields\/\{id\}/, '/organizations/custom_fields/21')
    .replace(/\/custom_fields\/\{id\}/, '/custom_fields/1')
    .replace(/\/tickets\/\{id\}/, `/tickets/${real.ticket}`)
    .replace(/\/users\/\{id\}/, '/users/3')
    .replace(/\/organizations\/\{id\}/, `/organizations/${real.org}`)
    .replace(/\/articles\/\{id\}/, '/articles/1')
    .replace('{post_id}', real.post!)
    .replace('{comment_id}', real.comment!)
    .replace('{note_id}', real.note!)
    .replace('{option_id}', '1')
    .replace('@{channel_key}', '@x');
}

function expectApiShape(label: string, status: number, text: string, unemulated: boolean): void {
  expect(status, label).toBeLessThan(unemulated ? 502 : 500);
  let body: any;
  expect(() => (body = JSON.parse(text)), `${label}: not JSON: ${text.slice(0, 80)}`).not.toThrow();
  if (status >= 400 || body.errors)
    expect(body.errors?.[0]?.code, `${label}: ${text.slice(0, 160)}`).toMatch(/^[es]-\d{3}$/);
  else expect(body, label).toHaveProperty('data');
}

beforeAll(async () => {
  sandbox = await startSandbox({ rateLimit: 1_000_000 });
  real.ticket = String(
    (await hde(sandbox.url, 'POST', '/api/v2/tickets/', { title: 't', description: 'd', user_id: 3 })).json.data.id,
  );
  real.post = String((await hde(sandbox.url, 'GET', `/api/v2/tickets/${real.ticket}/posts/`)).json.data[0].id);
  real.comment = String(
    (await hde(sandbox.url, 'POST', `/api/v2/tickets/${real.ticket}/comments/`, { text: 'c' })).json.data.id,
  );
  real.org = String((await hde(sandbox.url, 'POST', '/api/v2/organizations/', { name: 'Acme' })).json.data.id);
  real.note = String((await hde(sandbox.url, 'POST', '/api/v2/users/3/notes/', { text: 'n' })).json.data.id);
  await hde(sandbox.url, 'POST', `/api/v2/organizations/${real.org}/notes/`, { text: 'n' });
});
afterAll(() => sandbox.close());

describe('HelpDeskEddy sandbox under malformed input', () => {
  it('knows the routes it is about to hammer', () => {
    expect(ROWS.length).toBeGreaterThan(40);
  });

  it('answers ids that name nothing and junk query parameters with e-4xx, never 500', async () => {
    for (const row of ROWS) {
      for (const id of IDS) {
        const path = row.path.replace(/\{[^}]+\}/g, id) + QUERY;
        const res = await fetch(sandbox.url + path, { method: row.method, headers: { authorization: basic() } });
        expectApiShape(`${row.method} ${path}`, res.status, await res.text(), row.status === '501');
      }
    }
  });

  it('answers broken and wrongly typed bodies in every content type with e-4xx, never 500', async () => {
    for (const row of ROWS.filter((r) => r.method === 'POST' || r.method === 'PUT')) {
      for (const [type, body] of BODIES) {
        const path = withRealIds(row.path);
        const headers: Record<string, string> = { authorization: basic() };
        if (type) headers['content-type'] = type;
        const res = await fetch(sandbox.url + path, { method: row.method, headers, body });
        expectApiShape(
          `${row.method} ${path} [${type}] ${body.slice(0, 40)}`,
          res.status,
          await res.text(),
          row.status === '501',
        );
      }
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('still serves, with its data intact, after all of it', async () => {
    const res = await hde(sandbox.url, 'GET', `/api/v2/tickets/${real.ticket}/`);
    expect(res.status).toBe(200);
    expect(res.json.data).toMatchObject({ id: Number(real.ticket), user_id: 3 });
    expect(res.json.data.custom_fields).toEqual(expect.any(Array));
  });
});
