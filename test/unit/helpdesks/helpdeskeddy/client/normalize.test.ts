import { describe, expect, it } from 'vitest';
import { listOf, pagination, toId } from '../../../../../src/helpdesks/helpdeskeddy/client/normalize.js';

describe('HelpDeskEddy boundary helpers', () => {
  it('normalises ids, keyed or array lists, and string totals', () => {
    expect([toId(5), toId('5 '), toId(null), toId('open')]).toEqual(['5', '5', '', 'open']);
    expect(
      listOf({ '7': { id: 7 }, '3': { id: 3 } })
        .map((r) => r.id)
        .sort(),
    ).toEqual([3, 7]);
    expect(listOf([{ id: 1 }])).toEqual([{ id: 1 }]);
    expect(listOf({ id: 9, title: 'one entity' })).toEqual([{ id: 9, title: 'one entity' }]);
    expect(pagination({ total: '85', per_page: 30, current_page: 2, total_pages: 3 }, 30)).toEqual({
      total: 85,
      perPage: 30,
      currentPage: 2,
      totalPages: 3,
    });
    expect(pagination(undefined, 4)).toEqual({ total: 4, perPage: 30, currentPage: 1, totalPages: 1 });
  });
});
