/**
 * Reads the endpoints out of the reference files' endpoint tables (beside the checkout, in
 * ../shared/reference) and the conformance rows out of docs/sandbox.md, so a test can hold each
 * against the other. The references write endpoints compactly, so the readers understand their
 * notations:
 *
 * - Omnidesk §2: `METHOD /api/x.json` spans in tables and in the bullets of §2.5–§2.10; a
 *   relative span (`/spam.json`, `.../enable.json|disable.json`) continues the last path; a bare
 *   method (`PUT`/`DELETE …`, `…, DELETE`, `POST/PUT/DELETE`) joins the next path in its block,
 *   or, at the block's end, goes where REST puts it (POST on the collection, PUT/DELETE on the item).
 * - HelpDeskEddy §2.1: a methods cell (`GET / POST / DELETE`, `—` for "same pattern") and a paths
 *   cell whose own method words override it (`GET \`/users/{id}/statuses_log/\``); an optional
 *   `[ {id} ]` segment stands for the collection and the item (REST again splits the methods),
 *   and `/users/custom_fields/…` repeats the `/custom_fields/` family under that prefix.
 */
import { existsSync, readFileSync } from 'node:fs';

export interface Endpoint {
  method: string;
  /** As written (query dropped); `key` is what comparisons use. */
  path: string;
  key: string;
}

export interface DocRow extends Endpoint {
  status: string;
}

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'];
const METHOD_RUN = /^(?:GET|POST|PUT|DELETE|PATCH)(?:\s*\/\s*(?:GET|POST|PUT|DELETE|PATCH))*$/;

/** Parameters become `{}`, the query and trailing slashes go: `/a/{id}/` ≡ `/a/{x}`. */
export function endpointKey(method: string, path: string): string {
  const clean = path
    .split('?')[0]!
    .replace(/\{[^}]*\}/g, '{}')
    .replace(/\/+$/, '');
  return `${method} ${clean}`;
}

function endpoint(method: string, path: string): Endpoint {
  const p = path.split('?')[0]!;
  return { method, path: p, key: endpointKey(method, p) };
}

function unique(list: Endpoint[]): Endpoint[] {
  const seen = new Map<string, Endpoint>();
  for (const e of list) if (!seen.has(e.key)) seen.set(e.key, e);
  return [...seen.values()];
}

/** A path that names one record: it ends in a parameter (`/users/{id}`, `/groups/{id}.json`). */
const isItem = (path: string) => /\{[^}]+\}(\.json)?\/?$/.test(path.split('?')[0]!);

/** Methods split the REST way: GET and POST on collections, GET, PUT, DELETE and PATCH on items. */
function byRest(methods: string[], paths: string[]): Endpoint[] {
  const out: Endpoint[] = [];
  for (const m of methods) {
    const targets = paths.filter((p) => (isItem(p) ? m !== 'POST' : m === 'GET' || m === 'POST'));
    for (const p of targets) out.push(endpoint(m, p));
  }
  return out;
}

/** Table cells, keeping a `|` inside a code span (`order=asc|desc`) in its cell. */
function cellsOf(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let code = false;
  for (const ch of line) {
    if (ch === '`') code = !code;
    if (ch === '|' && !code) {
      cells.push(cell.trim());
      cell = '';
    } else cell += ch;
  }
  cells.push(cell.trim());
  return cells;
}

function section(text: string, start: RegExp, end: RegExp): string {
  const from = text.search(start);
  if (from === -1) throw new Error(`section ${start} not found`);
  const rest = text.slice(from);
  const to = rest.slice(1).search(end);
  return to === -1 ? rest : rest.slice(0, to + 1);
}

/** Omnidesk: one block per table row (its first cell) or per bullet/paragraph. */
export function omnideskEndpoints(referenceText: string): Endpoint[] {
  const text = section(referenceText, /^## 2\. /m, /^## 3\. /m);
  const blocks: string[] = [];
  for (const chunk of text.split(/\n(?=\s*\n|\* |\| )/)) {
    const t = chunk.trim();
    if (t.startsWith('|')) blocks.push(cellsOf(t)[1] ?? '');
    else blocks.push(t.replace(/\n\s*/g, ' '));
  }
  const out: Endpoint[] = [];
  for (const block of blocks) {
    const spans = [...block.matchAll(/`([^`]+)`/g)].map((m) => m[1]!.trim());
    let pending: string[] = [];
    let last: { methods: string[]; path: string } | undefined;
    const paths: string[] = [];
    const relative = (rel: string, methods: string[]) => {
      if (!last) return;
      const base = /\{[^}]+\}\.json$/.test(last.path)
        ? last.path.replace(/\.json$/, '')
        : last.path.replace(/\/[^/]*$/, '');
      const body = rel.replace(/^\.\.\.\//, '').replace(/^\//, '');
      for (const alt of body.split('|'))
        out.push(endpoint(methods.length ? methods[0]! : last.methods[0]!, `${base}/${alt}`));
    };
    for (const span of spans) {
      const m = /^([A-Z/\s]+?)\s+(\S+)$/.exec(span);
      if (m && METHOD_RUN.test(m[1]!.trim())) {
        const methods = [...pending, ...m[1]!.split('/').map((s) => s.trim())];
        pending = [];
        if (m[2]!.startsWith('/api/')) {
          for (const method of methods) out.push(endpoint(method, m[2]!));
          last = { methods, path: m[2]!.split('?')[0]! };
          paths.push(last.path);
        } else if (m[2]!.startsWith('/') || m[2]!.startsWith('...')) {
          for (const method of methods) relative(m[2]!, [method]);
        }
      } else if (METHOD_RUN.test(span)) {
        pending.push(...span.split('/').map((s) => s.trim()));
      } else if (/^(\.\.\.)?\/[\w./{}|-]+$/.test(span) && !span.startsWith('/api/')) {
        relative(span, []);
      }
    }
    if (pending.length) out.push(...byRest(pending, paths));
  }
  return unique(out.filter((e) => METHODS.includes(e.method)));
}

/** HelpDeskEddy §2.1: the methods cell and the paths cell of each table row. */
export function helpdeskeddyEndpoints(referenceText: string): Endpoint[] {
  const text = section(referenceText, /^### 2\.1 /m, /^### 2\.2 /m);
  const out: Endpoint[] = [];
  const samePattern: string[] = [];
  for (const line of text.split('\n')) {
    const cells = cellsOf(line);
    if (cells.length < 4 || !(METHOD_RUN.test(cells[1]!) || cells[1] === '—')) continue;
    let methods = cells[1] === '—' ? [] : cells[1]!.split('/').map((s) => s.trim());
    const paths: Array<{ methods: string[]; path: string }> = [];
    for (const m of cells[2]!.matchAll(/`([^`]+)`|\b(GET|POST|PUT|DELETE|PATCH)\b/g)) {
      if (m[2]) methods = [m[2]];
      else paths.push({ methods, path: m[1]!.trim() });
    }
    for (const { methods: ms, path } of paths) {
      if (path.endsWith('…')) {
        samePattern.push(path.replace(/\/?…$/, ''));
        continue;
      }
      const optional = /^(.*?)\/?\[\s*(\{[^}]+\})\s*\]\/?$/.exec(path);
      const bare = (p: string) => p.replace(/\/+$/, '');
      // A collection listed with its own item (`/users/`, `/users/{id}`) splits the methods.
      const paired = paths.some(
        (o) =>
          o.path !== path &&
          isItem(o.path) !== isItem(path) &&
          (bare(o.path).startsWith(`${bare(path)}/`) || bare(path).startsWith(`${bare(o.path)}/`)),
      );
      const expanded = optional
        ? byRest(ms, [`${optional[1]}/`, `${optional[1]}/${optional[2]}`])
        : paired
          ? byRest(ms, [path])
          : ms.map((m) => endpoint(m, path));
      out.push(...expanded.map((e) => endpoint(e.method, `/api/v2${e.path}`)));
    }
  }
  // `/users/custom_fields/…`: the `/custom_fields/` family again under that prefix.
  for (const prefix of samePattern) {
    const family = `/${prefix.split('/').filter(Boolean).pop()}`;
    for (const e of [...out]) {
      if (e.path.startsWith(`/api/v2${family}`))
        out.push(endpoint(e.method, `/api/v2${prefix}${e.path.slice(`/api/v2${family}`.length)}`));
    }
  }
  return unique(out);
}

/** The five-cell rows of one `## <helpdesk>` section of docs/sandbox.md. */
export function docRows(docText: string, helpdesk: 'Omnidesk' | 'HelpDeskEddy'): DocRow[] {
  const part = docText.split(/^## /m).find((s) => s.startsWith(helpdesk));
  if (!part) return [];
  return part
    .split('\n')
    .map((line) => line.split('|').map((c) => c.trim()))
    .filter((cells) => cells.length === 7 && METHODS.includes(cells[1]!))
    .map((cells) => ({ ...endpoint(cells[1]!, cells[2]!), status: cells[3]! }));
}

/** The shared folder beside the checkout (as in CI), or undefined when it is not there. */
export function readShared(relative: string): string | undefined {
  const url = new URL(`../../../shared/${relative}`, import.meta.url);
  return existsSync(url) ? readFileSync(url, 'utf8') : undefined;
}
