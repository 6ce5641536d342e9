/**
 * The sandbox against the reference files (issue 10): every endpoint in the endpoint tables of
 * ../shared/reference/omnidesk-api.md §2 and helpdeskeddy-api.md §2.1 must have a row in
 * docs/sandbox.md, and every row must tell the truth about the server: served or partial rows
 * are routed (never the router's 404 or a 405, never a 5xx), 501 rows answer 501 naming the
 * endpoint. An endpoint neither served nor listed as 501 fails here. The reference files live
 * beside the checkout (as in CI); without them the reference half is skipped.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  docRows,
  helpdeskeddyEndpoints,
  omnideskEndpoints,
  readShared,
  type DocRow,
  type Endpoint,
} from '../../helpers/reference-endpoints.js';
import { API_KEY, EMAIL, useSandbox } from '../../helpers/sandbox.js';

const DOC = readFileSync(new URL('../../../docs/sandbox.md', import.meta.url), 'utf8');
const sandbox = useSandbox({ rateLimit: 100_000 });

/**
 * The row that covers a reference endpoint: the same method and path, or, for a method on one
 * record written against its collection (`DELETE /users/{id}/notes/`), the collection plus one id.
 */
function rowFor(endpoint: Endpoint, rows: DocRow[]): DocRow | undefined {
  return (
    rows.find((r) => r.key === endpoint.key) ??
    (endpoint.method === 'POST' ? undefined : rows.find((r) => r.key === `${endpoint.key}/{}`))
  );
}

async function probe(base: string, row: DocRow): Promise<{ status: number; body: any }> {
  const path = row.path.replace(/@\{[^}]+\}/g, '@sandbox').replace(/\{[^}]+\}/g, '999999');
  const res = await fetch(base + path, {
    method: row.method,
    headers: {
      authorization: `Basic ${Buffer.from(`${EMAIL}:${API_KEY}`).toString('base64')}`,
      'content-type': 'application/json',
    },
    body: row.method === 'GET' || row.method === 'DELETE' ? undefined : '{}',
  });
  const text = await res.text();
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: res.status, body };
}

const HELPDESKS = [
  {
    name: 'Omnidesk' as const,
    reference: 'reference/omnidesk-api.md',
    parse: omnideskEndpoints,
    base: () => sandbox.omnidesk.url,
    // The router's own 404 (a path no route has), as opposed to a record that does not exist.
    routeMissing: (r: { status: number; body: any }) => r.status === 404 && r.body?.error === 'not_found',
    names: (r: { body: any }, endpoint: string) => r.body?.endpoint === endpoint,
  },
  {
    name: 'HelpDeskEddy' as const,
    reference: 'reference/helpdeskeddy-api.md',
    parse: helpdeskeddyEndpoints,
    base: () => sandbox.helpdeskeddy.url,
    routeMissing: (r: { status: number; body: any }) =>
      r.status === 404 && r.body?.errors?.[0]?.details === 'No such method.',
    names: (r: { body: any }, endpoint: string) =>
      r.body?.endpoint === endpoint && r.body?.errors?.[0]?.code === 'e-501',
  },
];

for (const h of HELPDESKS) {
  describe(`${h.name}: reference ↔ docs/sandbox.md ↔ sandbox`, () => {
    const rows = docRows(DOC, h.name);
    const reference = readShared(h.reference);

    it.skipIf(reference === undefined)(`lists every endpoint of the reference's tables (${h.reference})`, () => {
      const endpoints = h.parse(reference!);
      // A parser that found nothing would make this test pass for the wrong reason.
      expect(endpoints.length).toBeGreaterThan(40);
      const missing = endpoints.filter((e) => !rowFor(e, rows)).map((e) => `${e.method} ${e.path}`);
      expect(missing, 'endpoints neither served nor listed as 501 in docs/sandbox.md').toEqual([]);
    });

    it('has rows whose status the server bears out', async () => {
      expect(rows.length).toBeGreaterThan(40);
      const wrong: string[] = [];
      for (const row of rows) {
        expect(['served', 'partial', '501'], `${row.method} ${row.path}`).toContain(row.status);
        const res = await probe(h.base(), row);
        const seen = JSON.stringify(res.body).slice(0, 120);
        const label = `${row.method} ${row.path} (${row.status}) → ${res.status} ${seen}`;
        if (row.status === '501') {
          if (res.status !== 501 || !h.names(res, `${row.method} ${row.path}`)) wrong.push(label);
        } else if (h.routeMissing(res) || res.status === 405 || res.status >= 500) {
          wrong.push(label);
        }
      }
      expect(wrong).toEqual([]);
    });
  });
}
