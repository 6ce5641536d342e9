/**
 * The checks BILLmanager's custom_fields_values.json needs on each `sql`: the module runs it
 * against its own database with `__id__` replaced by a request's or a user's id, so it must be
 * one read-only SELECT that uses the macro. This is a lexer-level check (quotes and comments
 * understood), not an SQL parser: it catches the mistakes people make, not every bad query.
 */

export interface SqlProblem {
  code: 'sql_not_select' | 'sql_multiple_statements' | 'sql_forbidden_keyword' | 'sql_no_id' | 'sql_unterminated';
  /** Reads after the field's name: `"client_id".sql <message>`. */
  message: string;
}

/** Keywords that change data or schema; a field value must never run them. */
const FORBIDDEN = new Set([
  'INSERT',
  'UPDATE',
  'DELETE',
  'REPLACE',
  'MERGE',
  'UPSERT',
  'CREATE',
  'ALTER',
  'DROP',
  'TRUNCATE',
  'RENAME',
  'GRANT',
  'REVOKE',
  'CALL',
  'EXEC',
  'EXECUTE',
  'HANDLER',
  'LOAD',
  'LOCK',
  'UNLOCK',
  'INTO',
  'OUTFILE',
  'DUMPFILE',
  'SHUTDOWN',
  'KILL',
]);

/** MySQL has string functions with these names; `REPLACE(a, b, c)` in a SELECT is harmless. */
const ALSO_FUNCTIONS = new Set(['REPLACE', 'INSERT']);

interface SqlToken {
  kind: 'word' | 'string' | 'quoted' | 'semicolon' | 'other';
  text: string;
  /** The next non-space character after the token, to tell `REPLACE(` from `REPLACE INTO`. */
  next?: string;
}

function tokenize(sql: string): { tokens: SqlToken[]; unterminated?: string } {
  const tokens: SqlToken[] = [];
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i]!;
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '-' && sql[i + 1] === '-') {
      while (i < sql.length && sql[i] !== '\n') i++;
    } else if (ch === '#') {
      while (i < sql.length && sql[i] !== '\n') i++;
    } else if (ch === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      if (end < 0) return { tokens, unterminated: 'a /* comment' };
      i = end + 2;
    } else if (ch === "'" || ch === '"' || ch === '`') {
      let j = i + 1;
      for (;;) {
        if (j >= sql.length) return { tokens, unterminated: `a ${ch} quote` };
        if (sql[j] === '\\' && ch !== '`') j += 2;
        else if (sql[j] === ch && sql[j + 1] === ch) j += 2;
        else if (sql[j] === ch) break;
        else j++;
      }
      tokens.push({ kind: ch === '`' ? 'quoted' : 'string', text: sql.slice(i, j + 1) });
      i = j + 1;
    } else if (ch === ';') {
      tokens.push({ kind: 'semicolon', text: ';' });
      i++;
    } else if (/[A-Za-z_]/.test(ch)) {
      let j = i + 1;
      while (j < sql.length && /[A-Za-z0-9_$]/.test(sql[j]!)) j++;
      let k = j;
      while (k < sql.length && /\s/.test(sql[k]!)) k++;
      tokens.push({ kind: 'word', text: sql.slice(i, j), next: sql[k] });
      i = j;
    } else {
      tokens.push({ kind: 'other', text: ch });
      i++;
    }
  }
  return { tokens };
}

/** Returns every problem of one `sql` value, in the order a person would fix them. */
export function checkFieldSql(sql: string): SqlProblem[] {
  const problems: SqlProblem[] = [];
  const { tokens, unterminated } = tokenize(sql);
  if (unterminated) {
    problems.push({ code: 'sql_unterminated', message: `has an unterminated ${unterminated}` });
  }
  const first = tokens[0];
  if (!first || first.kind !== 'word' || first.text.toUpperCase() !== 'SELECT') {
    const found = first ? `"${first.text}"` : 'nothing';
    problems.push({ code: 'sql_not_select', message: `must be a SELECT statement; it starts with ${found}` });
  }
  const semi = tokens.findIndex((t) => t.kind === 'semicolon');
  if (semi >= 0 && tokens.slice(semi + 1).some((t) => t.kind !== 'semicolon')) {
    problems.push({
      code: 'sql_multiple_statements',
      message: 'must be a single statement; remove the ";" and what follows it',
    });
  }
  // The first word is already reported when it is not SELECT; once is enough.
  const bad = tokens
    .slice(1)
    .find(
      (t) =>
        t.kind === 'word' &&
        FORBIDDEN.has(t.text.toUpperCase()) &&
        !(ALSO_FUNCTIONS.has(t.text.toUpperCase()) && t.next === '('),
    );
  if (bad) {
    problems.push({
      code: 'sql_forbidden_keyword',
      message: `must only read data; it contains ${bad.text.toUpperCase()}`,
    });
  }
  // Inside quotes counts: the module substitutes the macro textually, so '__id__' works too.
  const usesId = tokens.some((t) => (t.kind === 'word' || t.kind === 'string') && t.text.includes('__id__'));
  if (!usesId) {
    problems.push({
      code: 'sql_no_id',
      message: 'does not use __id__, where the module puts the id of the request or user',
    });
  }
  return problems;
}
