/**
 * `.env` files: read with dotenv's parser (the format everyone's tools share), written so that
 * what dotenv reads back is exactly the value written. Values in the process environment win
 * over the file, so CI secret stores override a developer's local file.
 *
 * dotenv unescapes nothing but `\n` and `\r` inside double quotes, so the writer picks a quoting
 * under which the value needs no other escaping: bare for plain tokens, else double quotes
 * (newlines as `\n`), else single quotes or backticks, whichever the value lacks (newlines kept
 * raw). A value dotenv cannot read back under any quoting (one holding `"`, `'` and a backtick,
 * or a carriage return beside a `"` or a backslash-n) is refused, naming the key.
 */
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { parse } from 'dotenv';
import { ConfigError } from '../core/errors.js';

export function parseEnvFile(text: string): Record<string, string> {
  // dotenv returns a plain object; copy into a null-prototype map so a `__proto__=` line is a key.
  return Object.assign(Object.create(null) as Record<string, string>, parse(text));
}

/**
 * A `.env` that cannot be read or written as a file (a folder of that name, no permission) is
 * a setup problem the user fixes: exit 2 naming the file, not a crash.
 */
function unusable(path: string, err: unknown, verb: 'read' | 'written' = 'read'): ConfigError {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EISDIR') {
    return new ConfigError(`${path} is a directory, not a .env file`, {
      code: 'env_file_invalid',
      hint:
        'omnibot reads KEY=value lines from a file named .env beside the config; ' +
        `rename or remove the directory ${path}.`,
      details: { file: path },
    });
  }
  return new ConfigError(`${path} cannot be ${verb}: ${code ?? (err as Error).message}`, {
    code: 'env_file_invalid',
    hint:
      code === 'EACCES'
        ? `Give yourself access to it (chmod 600 ${path}).`
        : 'Check the file, or remove it and set the variables in the environment.',
    details: { file: path },
  });
}

/** Reads a `.env` file's text; undefined when there is none. */
async function readEnvText(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw unusable(path, err);
  }
}

export async function readEnvFile(path: string): Promise<Record<string, string>> {
  const text = await readEnvText(path);
  return text === undefined ? {} : parseEnvFile(text);
}

const BARE = /^[A-Za-z0-9_./:@+,-]*$/;

/** `KEY=value` as dotenv reads it back to exactly `value`; undefined when no quoting can. */
export function formatEnvLine(key: string, value: string): string | undefined {
  if (BARE.test(value)) return `${key}=${value}`;
  // Double quotes keep the entry on one line: dotenv turns `\n` and `\r` there into LF and CR
  // (and nothing else), so the value must not hold a `"` or a backslash before n or r.
  if (!value.includes('"') && !/\\[nr]/.test(value))
    return `${key}="${value.replace(/\n/g, '\\n').replace(/\r/g, '\\r')}"`;
  // Single quotes and backticks take the value raw, newlines included; dotenv turns every CR
  // into LF before parsing, so a CR cannot be written raw.
  if (value.includes('\r')) return undefined;
  if (!value.includes("'")) return `${key}='${value}'`;
  if (!value.includes('`')) return `${key}=\`${value}\``;
  return undefined;
}

function assertKey(key: string): void {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) throw new ConfigError(`.env: "${key}" is not a valid variable name`);
}

/**
 * Line count of the entry that starts at `lines[i]`: a quoted value runs, as dotenv reads it, to
 * the first unescaped closing quote, which may be lines later.
 */
function entryLength(lines: string[], i: number): number {
  const m = /^\s*(?:export\s+)?[\w.-]+\s*=\s*(['"`])(.*)$/.exec(lines[i]!);
  if (!m) return 1;
  const closing = new RegExp(`(^|[^\\\\])${m[1]}`);
  if (closing.test(m[2]!)) return 1;
  for (let j = i + 1; j < lines.length; j += 1) if (closing.test(lines[j]!)) return j - i + 1;
  return 1; // never closed: dotenv reads it as a bare value, one line
}

function keyOf(line: string): string | undefined {
  return /^\s*(?:export\s+)?([\w.-]+)\s*=/.exec(line)?.[1];
}

/**
 * Sets keys in a `.env` file, keeping every other line as it was; the file is mode 0600.
 * A key written more than once keeps one entry (dotenv lets the last win, so others would
 * shadow the new value). Returns the keys whose value changed.
 */
export async function upsertEnvFile(path: string, values: Record<string, string>): Promise<string[]> {
  const text = (await readEnvText(path)) ?? '';
  const before = parseEnvFile(text);
  let lines = text ? text.replace(/\r\n?/g, '\n').replace(/\n$/, '').split('\n') : [];
  const changed: string[] = [];
  for (const [key, value] of Object.entries(values)) {
    assertKey(key);
    const line = formatEnvLine(key, value);
    if (line === undefined) {
      throw new ConfigError(`.env: the value of ${key} cannot be written so that it reads back the same`, {
        hint:
          'It holds all three quote characters (or a carriage return beside a double quote); set it in the ' +
          'environment instead.',
      });
    }
    const kept: string[] = [];
    let placed = false;
    for (let i = 0; i < lines.length;) {
      const mine = keyOf(lines[i]!) === key;
      const n = mine ? entryLength(lines, i) : 1;
      if (mine) {
        if (!placed) kept.push(...line.split('\n'));
        placed = true;
      } else kept.push(lines[i]!);
      i += n;
    }
    if (!placed) kept.push(...line.split('\n'));
    lines = kept;
    if (before[key] !== value) changed.push(key);
  }
  try {
    await writeFile(path, lines.join('\n') + '\n', { mode: 0o600 });
    await chmod(path, 0o600);
  } catch (err) {
    throw unusable(path, err, 'written');
  }
  return changed;
}
