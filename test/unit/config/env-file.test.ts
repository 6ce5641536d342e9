/**
 * `.env` round trip: whatever omnibot writes, dotenv's parser (what omnibot and every other tool
 * reads the file with) gives back exactly.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatEnvLine, parseEnvFile, readEnvFile, upsertEnvFile } from '../../../src/config/env-file.js';
import { tempDir } from '../../helpers/temp-dir.js';

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ dir, cleanup } = await tempDir('omnibot-env-')));
afterAll(() => cleanup());

const VALUES: Array<[string, string]> = [
  ['empty', ''],
  ['a token', 'hde_3f9a8B-_.:@+,/x'],
  ['backslashes', 'a\\b\\\\c\\'],
  ['a backslash before n', 'C:\\new\\range'],
  ['a tab', 'a\tb'],
  ['double quotes', 'say "hi"'],
  ['single quotes', "it's"],
  ['both quotes', `"it's"`],
  ['a backtick and a double quote', '`cmd` "x"'],
  ['a hash', 'pass#word # not a comment'],
  ['newlines', 'line one\nline two\n'],
  ['a newline and a backslash-n', 'real\nand literal \\n'],
  ['a carriage return', 'a\r\nb'],
  ['unicode', 'Привет ✓ 👋🏽 «ёлка»'],
  ['equals signs', 'a=b==c'],
  ['leading and trailing spaces', '  padded  '],
  ['a dollar', '$HOME ${X}'],
  ['only a quote', '"'],
  ['a trailing backslash', 'ends with \\'],
];

describe('.env values round-trip through dotenv', () => {
  it.each(VALUES)('%s', async (_what, value) => {
    const line = formatEnvLine('KEY', value);
    expect(line).toBeDefined();
    expect(parseEnvFile(`${line}\n`).KEY).toBe(value);
    const file = join(dir, `.env-${_what.replace(/\W+/g, '-')}`);
    await writeFile(file, '# mine\nBEFORE=1\nKEY=old\nAFTER="two words"\n');
    expect(await upsertEnvFile(file, { KEY: value })).toEqual(['KEY']);
    expect({ ...(await readEnvFile(file)) }).toEqual({ BEFORE: '1', KEY: value, AFTER: 'two words' });
    expect(await upsertEnvFile(file, { KEY: value })).toEqual([]);
  });

  it('refuses, naming the key, a value no quoting can carry', async () => {
    expect(formatEnvLine('K', `'"\``)).toBeUndefined();
    expect(formatEnvLine('K', 'a"\rb')).toBeUndefined();
    await expect(upsertEnvFile(join(dir, '.env-refused'), { BOT_TOKEN: `'"\`` })).rejects.toThrow(/BOT_TOKEN/);
  });

  it('holds for any text (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 30 }),
        fc.string({
          unit: fc.constantFrom('"', "'", '`', '\\', 'n', 'r', '\n', '\r', '#', ' ', '=', 'x'),
          maxLength: 12,
        }),
        (a, b) => {
          for (const value of [a, b, a + b]) {
            const line = formatEnvLine('K', value);
            // Refused exactly when double quotes cannot carry it (a `"`, or a backslash before n or r)
            // and neither can single quotes nor backticks (a CR, or both of those characters).
            const noDouble = value.includes('"') || /\\[nr]/.test(value);
            const noRaw = value.includes('\r') || (value.includes("'") && value.includes('`'));
            if (line === undefined) expect(noDouble && noRaw).toBe(true);
            else expect(parseEnvFile(line).K).toBe(value);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('replaces a multi-line entry whole and keeps one copy of a repeated key', async () => {
    const file = join(dir, '.env-multi');
    await writeFile(file, 'A=\'one\ntwo\'\nB=keep\nA=again\nC="x\ny"\n');
    expect(parseEnvFile(await readFile(file, 'utf8'))).toMatchObject({ A: 'again', C: 'x\ny' });
    await upsertEnvFile(file, { A: 'new value', C: 'z' });
    expect(await readFile(file, 'utf8')).toBe('A="new value"\nB=keep\nC=z\n');
  });

  it('reads what people write: export, comments, quotes', () => {
    expect({ ...parseEnvFile('# c\nexport A=1\nB="two words"\nC=x # note\nD=\'raw \\n\'\n') }).toEqual({
      A: '1',
      B: 'two words',
      C: 'x',
      D: 'raw \\n',
    });
    expect(Object.getPrototypeOf(parseEnvFile('__proto__=x'))).toBeNull();
  });
});
