/**
 * Lint of BILLmanager's custom_fields_values.json: a top-level object whose keys
 * are the ids the administrator links to Omnidesk fields, each value
 * `{ "entity": "user"|"case", "name": "…", "sql": "SELECT … __id__ …" }`.
 * Every diagnostic carries the line and column where the fix goes.
 */
import { isUtf8 } from 'node:buffer';
import {
  JsonSyntaxError,
  parseJsonWithPositions,
  positionOf,
  type JsonMember,
  type JsonNode,
  type Pos,
} from './json-scanner.js';
import { checkFieldSql } from './sql-check.js';

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  line: number;
  col: number;
  severity: Severity;
  code: string;
  message: string;
  /** The value's key in the file, when the problem belongs to one. */
  key?: string;
}

export interface FieldValue {
  key: string;
  entity: 'user' | 'case';
  name: string;
  sql: string;
}

export interface LintResult {
  valid: boolean;
  diagnostics: Diagnostic[];
  /** The values that passed every check, for cross-checks with the config's field mapping. */
  values: FieldValue[];
}

export const ENTITIES = ['user', 'case'] as const;
const KNOWN_KEYS = ['entity', 'name', 'sql'];

function diag(pos: Pos, severity: Severity, code: string, message: string, key?: string): Diagnostic {
  return { line: pos.line, col: pos.col, severity, code, message, ...(key === undefined ? {} : { key }) };
}

const TYPE_NAMES: Record<JsonNode['type'], string> = {
  object: 'an object',
  array: 'an array',
  string: 'a string',
  number: 'a number',
  boolean: 'a boolean',
  null: 'null',
};

/** Reports every key that appears twice in one object, at the second occurrence. */
function duplicates(members: JsonMember[], out: Diagnostic[], owner?: string): void {
  const first = new Map<string, Pos>();
  for (const m of members) {
    const seen = first.get(m.key);
    if (seen) {
      const where = owner === undefined ? '' : ` in "${owner}"`;
      out.push(
        diag(
          m.keyPos,
          'error',
          'duplicate_key',
          `duplicate key "${m.key}"${where} (first at line ${seen.line}); JSON keeps only the last one`,
          owner ?? m.key,
        ),
      );
    } else {
      first.set(m.key, m.keyPos);
    }
  }
}

function lintValue(member: JsonMember, out: Diagnostic[]): FieldValue | undefined {
  const { key, value } = member;
  if (value.type !== 'object') {
    out.push(
      diag(
        value.pos,
        'error',
        'value_not_object',
        `"${key}" must be an object with "entity", "name" and "sql", not ${TYPE_NAMES[value.type]}`,
        key,
      ),
    );
    return undefined;
  }
  duplicates(value.members, out, key);
  const get = (name: string) => {
    for (let i = value.members.length - 1; i >= 0; i--) if (value.members[i]!.key === name) return value.members[i];
    return undefined;
  };
  const before = out.filter((d) => d.severity === 'error').length;

  const entity = get('entity');
  if (!entity) {
    out.push(
      diag(
        value.pos,
        'error',
        'entity_missing',
        `"${key}" has no "entity"; use "user" (user fields) or "case" (case fields)`,
        key,
      ),
    );
  } else if (entity.value.type !== 'string' || !(ENTITIES as readonly string[]).includes(entity.value.value)) {
    const got = entity.value.type === 'string' ? `"${entity.value.value}"` : TYPE_NAMES[entity.value.type];
    out.push(
      diag(entity.value.pos, 'error', 'entity_invalid', `"${key}".entity must be "user" or "case", got ${got}`, key),
    );
  }

  const name = get('name');
  if (!name) {
    out.push(
      diag(
        value.pos,
        'error',
        'name_missing',
        `"${key}" has no "name" (the title shown when a custom field is set up)`,
        key,
      ),
    );
  } else if (name.value.type !== 'string') {
    out.push(
      diag(
        name.value.pos,
        'error',
        'name_invalid',
        `"${key}".name must be a string, got ${TYPE_NAMES[name.value.type]}`,
        key,
      ),
    );
  } else if (name.value.value.trim() === '') {
    out.push(diag(name.value.pos, 'error', 'name_empty', `"${key}".name must not be empty`, key));
  }

  const sql = get('sql');
  if (!sql) {
    out.push(diag(value.pos, 'error', 'sql_missing', `"${key}" has no "sql" (a SELECT that uses __id__)`, key));
  } else if (sql.value.type !== 'string') {
    out.push(
      diag(
        sql.value.pos,
        'error',
        'sql_invalid',
        `"${key}".sql must be a string, got ${TYPE_NAMES[sql.value.type]}`,
        key,
      ),
    );
  } else if (sql.value.value.trim() === '') {
    out.push(diag(sql.value.pos, 'error', 'sql_empty', `"${key}".sql must not be empty`, key));
  } else {
    for (const p of checkFieldSql(sql.value.value))
      out.push(diag(sql.value.pos, 'error', p.code, `"${key}".sql ${p.message}`, key));
  }

  for (const m of value.members) {
    if (!KNOWN_KEYS.includes(m.key)) {
      out.push(
        diag(
          m.keyPos,
          'warning',
          'unknown_key',
          `"${key}" has an unknown key "${m.key}" (known: ${KNOWN_KEYS.join(', ')}); the module ignores it`,
          key,
        ),
      );
    }
  }
  if (out.filter((d) => d.severity === 'error').length > before) return undefined;
  return {
    key,
    entity: (entity!.value as { value: string }).value as FieldValue['entity'],
    name: (name!.value as { value: string }).value,
    sql: (sql!.value as { value: string }).value,
  };
}

/** Lints the text of custom_fields_values.json. */
export function lintFieldsText(text: string): LintResult {
  const diagnostics: Diagnostic[] = [];
  let root: JsonNode;
  try {
    root = parseJsonWithPositions(text);
  } catch (err) {
    if (!(err instanceof JsonSyntaxError)) throw err;
    const code = /empty/.test(err.message) ? 'empty_file' : 'json_syntax';
    return { valid: false, diagnostics: [diag(err.pos, 'error', code, err.message)], values: [] };
  }
  if (root.type !== 'object') {
    diagnostics.push(
      diag(
        root.pos,
        'error',
        'top_not_object',
        `the top level must be an object of values keyed by their ids ({"client_id": {…}}), not ` +
          `${TYPE_NAMES[root.type]}`,
      ),
    );
    return { valid: false, diagnostics, values: [] };
  }
  if (root.members.length === 0) {
    diagnostics.push(
      diag(root.pos, 'warning', 'no_values', 'the file defines no values; BILLmanager will offer nothing to map'),
    );
  }
  duplicates(root.members, diagnostics);
  const values: FieldValue[] = [];
  for (const member of root.members) {
    if (member.key.trim() === '') {
      diagnostics.push(
        diag(
          member.keyPos,
          'error',
          'key_empty',
          'a value key must not be empty; it is the id that links the value to an Omnidesk field',
          member.key,
        ),
      );
    }
    const value = lintValue(member, diagnostics);
    if (value) values.push(value);
  }
  diagnostics.sort((a, b) => a.line - b.line || a.col - b.col);
  return { valid: !diagnostics.some((d) => d.severity === 'error'), diagnostics, values };
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
function firstInvalidUtf8(bytes: Buffer): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const len = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (len === 0 || !isUtf8(bytes.subarray(i, i + len))) return i;
    i += len;
  }
  return -1;
}

/** Lints the bytes of the file: invalid UTF-8 is reported where it starts. */
export function lintFieldsBuffer(bytes: Buffer): LintResult {
  const bad = isUtf8(bytes) ? -1 : firstInvalidUtf8(bytes);
  if (bad >= 0) {
    const prefix = bytes.subarray(0, bad).toString('utf8');
    const pos = positionOf(prefix, prefix.length);
    return {
      valid: false,
      diagnostics: [diag(pos, 'error', 'not_utf8', 'the file is not valid UTF-8; save it as UTF-8')],
      values: [],
    };
  }
  return lintFieldsText(bytes.toString('utf8'));
}
