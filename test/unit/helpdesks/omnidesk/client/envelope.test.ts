import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../../../src/core/errors.js';
import { unwrapEntity, unwrapItem, unwrapList } from '../../../../../src/helpdesks/omnidesk/client/envelope.js';

describe('unwrapList', () => {
  it('reads the keyed-object envelope in key order and skips total_count', () => {
    const data = {
      '1': { label: { label_id: 302, label_title: 'b' } },
      '0': { label: { label_id: 301, label_title: 'a' } },
      total_count: 7,
    };
    expect(unwrapList(data, ['label'], 'GET x')).toEqual({
      items: [
        { label_id: 301, label_title: 'a' },
        { label_id: 302, label_title: 'b' },
      ],
      total: 7,
    });
  });

  it('reads `count` where staff_statuses uses it', () => {
    const data = { '0': { staff_statuses: { status_id: 1, status: 'online', active: true } }, count: 1 };
    const page = unwrapList(data, ['staff_statuses'], 'GET x');
    expect(page.total).toBe(1);
    expect(page.items).toEqual([{ status_id: 1, status: 'online', active: true }]);
  });

  it('accepts a bare array, wrapped or not', () => {
    const data = [{ label: { label_id: 1, label_title: 'a' } }, { label_id: 2, label_title: 'b' }];
    expect(unwrapList(data, ['label'], 'GET x').items.map((l: any) => l.label_id)).toEqual([1, 2]);
  });

  it('accepts {"case": []} as an empty list and {"changelog": [...]} as a list', () => {
    expect(unwrapList({ case: [] }, ['case'], 'GET x').items).toEqual([]);
    const log = { changelog: [{ event: 'rules', done_by: 'rule_1', created_at: 'x' }] };
    expect(unwrapList(log, ['changelog'], 'GET x').items).toHaveLength(1);
  });

  it('treats an object with only total_count as empty', () => {
    expect(unwrapList({ total_count: 0 }, ['label'], 'GET x')).toEqual({ items: [], total: 0 });
  });

  it('refuses a scalar with a bad_response ApiError', () => {
    const err = (() => {
      try {
        unwrapList('oops', ['label'], 'GET /api/labels.json');
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe('bad_response');
    expect((err as ApiError).message).toContain('GET /api/labels.json');
  });
});

describe('unwrapEntity / unwrapItem', () => {
  it('unwraps the singular key', () => {
    expect(unwrapEntity({ case: { case_id: 5 } }, 'case', 'GET x')).toEqual({ case_id: 5 });
    expect(unwrapItem({ note: { message_id: 9 } }, ['message', 'note'])).toEqual({ message_id: 9 });
  });
  it('names the expected key when it is missing', () => {
    expect(() => unwrapEntity({ other: 1 }, 'case', 'GET /api/cases/5.json')).toThrow(/\{"case": \{…\}\}/);
  });
});
