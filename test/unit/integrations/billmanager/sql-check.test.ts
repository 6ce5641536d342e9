import { describe, expect, it } from 'vitest';
import { checkFieldSql } from '../../../../src/integrations/billmanager/sql-check.js';

const codes = (sql: string) => checkFieldSql(sql).map((p) => p.code);

describe('checkFieldSql', () => {
  it('accepts single SELECTs that use __id__, with a trailing ";" and comments', () => {
    expect(codes('SELECT account FROM user WHERE id = __id__')).toEqual([]);
    expect(codes('  select t.id from ticket t where t.id=__id__;  ')).toEqual([]);
    expect(codes('SELECT name -- the name\nFROM user WHERE id = __id__ /* done */')).toEqual([]);
  });

  it('ignores keywords inside strings and quoted identifiers', () => {
    expect(codes("SELECT 'DROP TABLE; delete' AS x, `update` FROM user WHERE id = __id__")).toEqual([]);
  });

  it('finds what is wrong', () => {
    expect(codes('DELETE FROM user WHERE id = __id__')).toEqual(['sql_not_select']);
    expect(codes('SELECT 1 FROM user WHERE id = __id__; DROP TABLE user')).toEqual([
      'sql_multiple_statements',
      'sql_forbidden_keyword',
    ]);
    expect(codes('SELECT 1 FROM user WHERE id = 5')).toEqual(['sql_no_id']);
    expect(codes('SELECT 1 FROM user -- __id__')).toEqual(['sql_no_id']);
    expect(codes("SELECT 'oops FROM user WHERE id = __id__")).toContain('sql_unterminated');
    expect(codes('(SELECT 1 FROM user WHERE id = __id__)')).toEqual(['sql_not_select']);
  });
});
