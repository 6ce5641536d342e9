/**
 * The knowledge base (categories, sections, articles) and idea categories, as palachX calls them
 * (reference §2.10 [S palachX]; the reference names these calls, the shapes are that client's
 * DTOs): list, get, create, edit, enable, disable, delete, and move up or down in the list order.
 * Titles and texts may be a string or a per-language object (`{"1": "…", "2": "…"}`); both are
 * kept as given.
 */
import { isRecord, json } from '../../../server/http.js';
import { queryOne, textMatches } from '../../../server/query.js';
import { formatRfc2822 } from '../dates.js';
import type { Router } from '../../../server/router.js';
import type { CallContext } from '../../../server/sandbox-server.js';
import { invalid, notFound, optId } from './api-errors.js';
import { listReply } from './envelope.js';
import { readEntity, readEntityOrBare } from './request-body.js';
import type { KbRec, StaffRec } from './store.js';
import type { OmnideskWorld } from './world.js';

type Ctx = CallContext<StaffRec>;
type Fields = Record<string, unknown>;

interface Kind {
  /** Path segment and entity key: `kb_category`, `ideas_category`. */
  entity: 'kb_category' | 'kb_section' | 'kb_article' | 'ideas_category';
  idKey: string;
  /** Fields a create needs (a string or a per-language object). */
  required: string[];
  /** Every field the entity keeps. */
  keys: string[];
  /** The parent a create must name, if any. */
  parent?: { key: string; entity: 'kb_category' | 'kb_section' };
}

const KINDS: Kind[] = [
  { entity: 'kb_category', idKey: 'category_id', required: ['category_title'], keys: ['category_title'] },
  {
    entity: 'kb_section',
    idKey: 'section_id',
    required: ['section_title', 'category_id'],
    keys: ['section_title', 'section_description', 'category_id'],
    parent: { key: 'category_id', entity: 'kb_category' },
  },
  {
    entity: 'kb_article',
    idKey: 'article_id',
    required: ['article_title', 'article_content', 'section_id'],
    keys: ['article_title', 'article_content', 'article_tags', 'access_type', 'section_id'],
    parent: { key: 'section_id', entity: 'kb_section' },
  },
  {
    entity: 'ideas_category',
    idKey: 'category_id',
    required: ['category_title'],
    keys: ['category_title', 'category_default_group'],
  },
];

const FIRST_ID: Record<Kind['entity'], number> = {
  kb_category: 501,
  kb_section: 1201,
  kb_article: 8801,
  ideas_category: 41,
};

function isText(v: unknown): boolean {
  return (
    (typeof v === 'string' && v.trim() !== '') ||
    (isRecord(v) && Object.values(v).some((x) => typeof x === 'string' && x.trim() !== ''))
  );
}

/** The searchable text of a string-or-per-language value. */
function textOf(v: unknown): string {
  return typeof v === 'string' ? v : isRecord(v) ? Object.values(v).join(' ') : '';
}

/** palachX sends idea categories unwrapped (`{"category_title": …}`) [S]; knowledge-base items wrapped. */
function readBody(req: Parameters<typeof readEntity>[0], kind: Kind): Fields {
  return kind.entity === 'ideas_category' ? readEntityOrBare(req, kind.entity) : readEntity(req, kind.entity);
}

export function kbRoutes(router: Router<Ctx>, world: OmnideskWorld): void {
  const all = (kind: Kind) => {
    const key = kind.entity;
    world.store.kb[key] ??= new Map<number, KbRec>();
    return world.store.kb[key];
  };
  const find = (kind: Kind, raw: string | undefined): KbRec => {
    const rec = raw && /^\d+$/.test(raw) ? all(kind).get(Number(raw)) : undefined;
    if (!rec) throw notFound(kind.entity);
    return rec;
  };
  const toJson = (kind: Kind) => (r: KbRec) => ({
    [kind.idKey]: r.id,
    ...r.fields,
    active: r.active,
    created_at: formatRfc2822(r.created),
    updated_at: formatRfc2822(r.updated),
    ...(kind.entity === 'kb_article' ? { section_id_arr: [r.fields.section_id] } : {}),
  });
  const reply = (kind: Kind, r: KbRec, status = 200) => json(status, { [kind.entity]: toJson(kind)(r) });
  const ordered = (kind: Kind) => [...all(kind).values()].sort((a, b) => a.position - b.position || a.id - b.id);

  /** Takes the kind's fields from a body; a parent id must name an existing parent. */
  const take = (kind: Kind, body: Fields, creating: boolean): Fields => {
    const out: Fields = {};
    for (const key of kind.keys) {
      const v = body[key];
      if (v === undefined || v === null || v === '') continue;
      // A section id may come as a list (palachX `[1201]`, a PHP form `section_id[]=1201`); the first one counts.
      const one: unknown = Array.isArray(v) ? v[0] : isRecord(v) && key.endsWith('_id') ? Object.values(v)[0] : v;
      out[key] = key.endsWith('_id') || key === 'category_default_group' ? optId({ [key]: one }, key) : one;
    }
    if (creating)
      for (const key of kind.required)
        if (out[key] === undefined || (!isText(out[key]) && typeof out[key] !== 'number'))
          throw invalid(`${key}_required`);
    if (kind.parent && out[kind.parent.key] !== undefined) {
      const parent = KINDS.find((k) => k.entity === kind.parent!.entity)!;
      if (!all(parent).has(out[kind.parent.key] as number)) throw notFound(parent.entity);
    }
    if (out.access_type !== undefined && out.access_type !== 'public' && out.access_type !== 'staff_only')
      throw invalid('wrong_access_type');
    return out;
  };

  for (const kind of KINDS) {
    const base = `/api/${kind.entity}`;
    const touch = (r: KbRec, change: (r: KbRec) => void) => {
      change(r);
      r.updated = world.now();
      return reply(kind, r);
    };
    /** Swaps places with the neighbour above (-1) or below (+1). */
    const move = (raw: string | undefined, dir: -1 | 1) => {
      const r = find(kind, raw);
      const list = ordered(kind);
      list.forEach((x, i) => (x.position = i));
      const other = list[r.position + dir];
      if (other) [r.position, other.position] = [other.position, r.position];
      return reply(kind, r);
    };
    router
      .on('GET', `${base}.json`, (req) => {
        let items = ordered(kind);
        if (kind.parent) {
          const parentId = queryOne(req.query, kind.parent.key);
          if (parentId !== undefined) items = items.filter((r) => String(r.fields[kind.parent!.key]) === parentId);
        }
        const search = req.query.get('search');
        if (search)
          items = items.filter((r) =>
            textMatches(search, `${textOf(r.fields.article_title)} ${textOf(r.fields.article_content)}`),
          );
        const sort = req.query.get('sort');
        if (sort === 'updated_at_desc' || sort === 'created_at_desc')
          items = [...items].sort(
            (a, b) => (sort === 'updated_at_desc' ? b.updated - a.updated : b.created - a.created) || b.id - a.id,
          );
        return json(200, listReply(kind.entity, items, req.query, toJson(kind)));
      })
      .on('GET', `${base}/{id}.json`, (req) => reply(kind, find(kind, req.params.id)))
      // justCxx (2016) reads one item without the `.json` suffix.
      .on('GET', `${base}/{id}`, (req) => reply(kind, find(kind, req.params.id)))
      .on('POST', `${base}.json`, (req) => {
        const fields = take(kind, readBody(req, kind), true);
        const at = world.now();
        const store = all(kind);
        const id = Math.max(FIRST_ID[kind.entity] - 1, ...store.keys()) + 1;
        const rec: KbRec = { id, position: store.size, active: true, created: at, updated: at, fields };
        store.set(id, rec);
        return reply(kind, rec, 201);
      })
      .on('PUT', `${base}/{id}.json`, (req) => {
        const r = find(kind, req.params.id);
        const fields = take(kind, readBody(req, kind), false);
        return touch(r, () => Object.assign(r.fields, fields));
      })
      .on('PUT', `${base}/{id}/enable.json`, (req) => touch(find(kind, req.params.id), (r) => (r.active = true)))
      .on('PUT', `${base}/{id}/disable.json`, (req) => touch(find(kind, req.params.id), (r) => (r.active = false)))
      .on('DELETE', `${base}/{id}.json`, (req) => {
        const r = find(kind, req.params.id);
        all(kind).delete(r.id);
        return json(200, {});
      });
    if (kind.entity !== 'ideas_category') {
      router
        .on('PUT', `${base}/{id}/moveup.json`, (req) => move(req.params.id, -1))
        .on('PUT', `${base}/{id}/movedown.json`, (req) => move(req.params.id, 1));
    }
  }
}
