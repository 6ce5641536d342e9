/**
 * The knowledge base, read-only as the reference lists it (§2.1 [C+]: categories, articles, one
 * article). Shapes, filters and default orders follow PHPSDK's documented examples [C1]:
 * categories keyed by id, 30 a page, `public`, `parent_list`, date bounds, `order_by` over
 * date_created, date_updated, position (default `position{asc}`); articles keyed by id, 10 a page
 * (its example's `per_page`), `public`, `category_list`, date bounds, `order_by` over
 * date_created, date_updated, views, pin (default `date_created{desc}`). TSSDK adds `category_id`
 * and `search` [C1]. `public=1` keeps what is public; without it the key's owner (staff) sees all [INF].
 */
import { formatDateTime } from '../dates.js';
import { comparator, dateParam, flag, idList, orderBy, within, type QueryReader } from './list-query.js';
import { ARTICLES_PAGE_SIZE, paginate } from './format.js';
import { API, data, idParam, keyed, notFound, reader, type HdeRouter, type HdeWorld } from './world.js';
import type { KbArticleRec, KbCategoryRec } from './seed-data.js';

function categoryJson(c: KbCategoryRec): Record<string, unknown> {
  return {
    id: c.id,
    parent_id: c.parent_id,
    position: c.position,
    date_created: formatDateTime(c.createdAt),
    date_updated: formatDateTime(c.updatedAt),
    access: c.access,
    access_by_groups: c.access_by_groups,
    title: c.title,
  };
}

function articleJson(a: KbArticleRec): Record<string, unknown> {
  return {
    id: a.id,
    date_created: formatDateTime(a.createdAt),
    date_updated: formatDateTime(a.updatedAt),
    show_me_only: a.show_me_only,
    access: a.access,
    pin: a.pin,
    views_count: a.views_count,
    categories: a.categories,
    title: a.title,
    tags: a.tags,
    body: a.body,
    files: [],
  };
}

function dated(q: QueryReader) {
  const bounds = ['from_date_created', 'to_date_created', 'from_date_updated', 'to_date_updated'].map((n) =>
    dateParam(q, n),
  );
  return (x: { createdAt: Date; updatedAt: Date }) =>
    within(x.createdAt, bounds[0], bounds[1]) && within(x.updatedAt, bounds[2], bounds[3]);
}

export function kbRoutes(r: HdeRouter, world: HdeWorld): void {
  const dir = () => world.store.directory;

  r.on('GET', `${API}/knowledge_base/categories`, (req) => {
    const q = reader(world, req);
    const publicOnly = flag(q, 'public') === 1;
    const parents = idList(q, 'parent_list');
    const inDates = dated(q);
    const keys = orderBy(q, ['date_created', 'date_updated', 'position'], [{ field: 'position', desc: false }]);
    const list = dir()
      .categories.filter(
        (c) => (!publicOnly || c.access === 'public') && (!parents || parents.includes(c.parent_id)) && inDates(c),
      )
      .sort(
        comparator<KbCategoryRec>(keys, (c, f) =>
          f === 'position' ? c.position : f === 'date_created' ? c.createdAt : c.updatedAt,
        ),
      );
    const { slice, pagination } = paginate(list, req.query.get('page'));
    return keyed(
      slice.map((c) => [c.id, categoryJson(c)]),
      pagination,
    );
  });

  r.on('GET', `${API}/knowledge_base/articles`, (req) => {
    const q = reader(world, req);
    const publicOnly = flag(q, 'public') === 1;
    const categories = [...(idList(q, 'category_list') ?? []), ...(idList(q, 'category_id') ?? [])];
    const search = req.query.get('search')?.trim().toLowerCase();
    const inDates = dated(q);
    const keys = orderBy(q, ['date_created', 'date_updated', 'views', 'pin'], [{ field: 'date_created', desc: true }]);
    const list = dir()
      .articles.filter(
        (a) =>
          (!publicOnly || a.access === 'public') &&
          (categories.length === 0 || a.categories.some((c) => categories.includes(c))) &&
          (!search ||
            [...Object.values(a.title), ...Object.values(a.body)].some((t) => t.toLowerCase().includes(search))) &&
          inDates(a),
      )
      .sort(
        comparator<KbArticleRec>(keys, (a, f) =>
          f === 'views'
            ? a.views_count
            : f === 'pin'
              ? Number(a.pin)
              : f === 'date_created'
                ? a.createdAt
                : a.updatedAt,
        ),
      );
    const { slice, pagination } = paginate(list, req.query.get('page'), { perPage: ARTICLES_PAGE_SIZE });
    return keyed(
      slice.map((a) => [a.id, articleJson(a)]),
      pagination,
    );
  });

  r.on('GET', `${API}/knowledge_base/articles/{id}`, (req) => {
    const id = idParam(req, 'Article');
    const article = dir().articles.find((a) => a.id === id);
    if (!article) throw notFound('Article', id);
    return data(articleJson(article));
  });
}
