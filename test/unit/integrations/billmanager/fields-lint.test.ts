import { describe, expect, it } from 'vitest';
import {
  lintFieldsBuffer,
  lintFieldsText,
  type Diagnostic,
} from '../../../../src/integrations/billmanager/fields-lint.js';

/** The seed's own example (seed 003), byte for byte in structure. */
export const VALID = `{
"client_id": {
"entity": "user",
"name": "ID клиента",
"sql": "SELECT account FROM user WHERE id = __id__"
},
"ticket": {
"entity": "case",
"name": "Номер тикета",
"sql": "SELECT t.id FROM ticket t WHERE t.id = __id__"
}
}
`;

function errors(text: string): Diagnostic[] {
  return lintFieldsText(text).diagnostics.filter((d) => d.severity === 'error');
}

function only(text: string): Diagnostic {
  const found = errors(text);
  expect(found, JSON.stringify(found)).toHaveLength(1);
  return found[0]!;
}

describe('billmanager fields lint', () => {
  it('accepts the seed example and returns its values', () => {
    const result = lintFieldsText(VALID);
    expect(result.valid).toBe(true);
    expect(result.diagnostics).toEqual([]);
    expect(result.values.map((v) => [v.key, v.entity, v.name])).toEqual([
      ['client_id', 'user', 'ID клиента'],
      ['ticket', 'case', 'Номер тикета'],
    ]);
  });

  it('reports a duplicate key at its second occurrence, naming the first', () => {
    const text = VALID.replace('"ticket"', '"client_id"');
    const d = only(text);
    expect(d).toMatchObject({ line: 7, col: 1, code: 'duplicate_key' });
    expect(d.message).toBe('duplicate key "client_id" (first at line 2); JSON keeps only the last one');
  });

  it('reports a duplicate key inside one value', () => {
    const text =
      '{\n  "a": {\n    "entity": "user",\n    "name": "A",\n    "name": "B",\n    "sql": "SELECT 1 FROM t WHERE id ' +
      '= __id__"\n  }\n}';
    const d = only(text);
    expect(d).toMatchObject({ line: 5, col: 5, code: 'duplicate_key' });
    expect(d.message).toContain('duplicate key "name" in "a"');
  });

  it('reports a missing comma with line and column of the next key', () => {
    const text = VALID.replace('"name": "ID клиента",', '"name": "ID клиента"');
    const d = only(text);
    expect(d).toMatchObject({ line: 5, col: 1, code: 'json_syntax' });
    expect(d.message).toContain('missing comma');
  });

  it('reports a trailing comma', () => {
    const text = VALID.replace(
      '"SELECT t.id FROM ticket t WHERE t.id = __id__"',
      '"SELECT t.id FROM ticket t WHERE t.id = __id__",',
    );
    const d = only(text);
    expect(d).toMatchObject({ line: 11, col: 1, code: 'json_syntax' });
    expect(d.message).toContain('trailing commas are not allowed');
  });

  it('reports an unterminated string at the end of its line', () => {
    const text = '{\n  "a": {\n    "name": "oops\n  }\n}';
    const d = only(text);
    expect(d).toMatchObject({ line: 3, col: 18, code: 'json_syntax' });
    expect(d.message).toContain('unterminated string');
  });

  it('reports single quotes and comments as not JSON', () => {
    expect(only("{\n  'a': {}\n}")).toMatchObject({ line: 2, col: 3, code: 'json_syntax' });
    const c = only('{\n  // values\n  "a": {}\n}');
    expect(c).toMatchObject({ line: 2, col: 3 });
    expect(c.message).toBe('comments are not allowed in JSON');
  });

  it('reports an empty file and a top level that is not an object', () => {
    expect(only('  \n')).toMatchObject({ line: 2, col: 1, code: 'empty_file' });
    const d = only('\n[\n  {"entity": "user"}\n]');
    expect(d).toMatchObject({ line: 2, col: 1, code: 'top_not_object' });
    expect(d.message).toContain('not an array');
  });

  it('reports an entity outside user/case at the value', () => {
    const d = only(VALID.replace('"entity": "case"', '"entity": "ticket"'));
    expect(d).toMatchObject({ line: 8, col: 11, code: 'entity_invalid', key: 'ticket' });
    expect(d.message).toBe('"ticket".entity must be "user" or "case", got "ticket"');
  });

  it('reports a missing entity at the value object', () => {
    const d = only(VALID.replace('"entity": "user",\n', ''));
    expect(d).toMatchObject({ line: 2, col: 14, code: 'entity_missing' });
  });

  it('reports an empty name', () => {
    const d = only(VALID.replace('"ID клиента"', '"  "'));
    expect(d).toMatchObject({ line: 4, col: 9, code: 'name_empty' });
    expect(d.message).toBe('"client_id".name must not be empty');
  });

  it('reports a value that is not an object', () => {
    const d = only('{\n  "a": "SELECT 1"\n}');
    expect(d).toMatchObject({ line: 2, col: 8, code: 'value_not_object' });
  });

  it('reports sql that is not a SELECT', () => {
    const d = only(
      VALID.replace('SELECT account FROM user WHERE id = __id__', 'UPDATE user SET account = 1 WHERE id = __id__'),
    );
    expect(d).toMatchObject({ line: 5, col: 8, code: 'sql_not_select' });
    expect(
      errors(
        VALID.replace('SELECT account FROM user WHERE id = __id__', 'UPDATE user SET account = 1 WHERE id = __id__'),
      ).length,
    ).toBe(1);
  });

  it('reports a second statement after ";"', () => {
    const d = only(VALID.replace('WHERE id = __id__"', 'WHERE id = __id__; SELECT 2"'));
    expect(d).toMatchObject({ line: 5, code: 'sql_multiple_statements' });
  });

  it('reports DML/DDL inside a SELECT', () => {
    const broken = VALID.replace(
      'SELECT account FROM user WHERE id = __id__',
      "SELECT account FROM user WHERE id = __id__ INTO OUTFILE '/tmp/x'",
    );
    const d = only(broken);
    expect(d).toMatchObject({ line: 5, code: 'sql_forbidden_keyword' });
    expect(d.message).toContain('INTO');
  });

  it('reports sql without __id__', () => {
    const d = only(VALID.replace('WHERE t.id = __id__', 'LIMIT 1'));
    expect(d).toMatchObject({ line: 10, col: 8, code: 'sql_no_id' });
    expect(d.message).toContain('does not use __id__');
  });

  it('warns about unknown keys but stays valid', () => {
    const result = lintFieldsText(VALID.replace('"entity": "user",', '"entity": "user",\n"type": "text",'));
    expect(result.valid).toBe(true);
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        line: 4,
        col: 1,
        severity: 'warning',
        code: 'unknown_key',
        message: expect.stringContaining('unknown key "type"'),
      }),
    ]);
  });

  it('reports invalid UTF-8 where it starts', () => {
    const bytes = Buffer.concat([Buffer.from('{\n  "a": "'), Buffer.from([0xc3, 0x28]), Buffer.from('"\n}')]);
    const d = lintFieldsBuffer(bytes).diagnostics[0]!;
    expect(d).toMatchObject({ line: 2, col: 9, code: 'not_utf8' });
  });

  it('accepts a BOM and the SQL functions REPLACE() and INSERT()', () => {
    const text =
      '\uFEFF{"a": {"entity": "user", "name": "A", "sql": "SELECT REPLACE(name, \'x\', \'y\') FROM user WHERE id = ' +
      "'__id__'\"}}";
    expect(lintFieldsText(text).valid).toBe(true);
  });
});
