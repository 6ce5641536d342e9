import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseEnvFile, upsertEnvFile } from '../../../src/config/env-file.js';
import { emptyState, readState, resourceKey, updateState, writeState } from '../../../src/core/state.js';
import { normalizeHelpdeskUrl } from '../../../src/core/urls.js';
import { ConfigError } from '../../../src/core/errors.js';
import { tempDir } from '../../helpers/temp-dir.js';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir('omnibot-state-')));
afterEach(() => cleanup());

describe('state file', () => {
  it('is empty when missing, and round-trips what was written, mode 0600', async () => {
    const file = join(dir, '.omnibot', 'state.json');
    expect(await readState(file)).toEqual(emptyState());
    await updateState(file, (s) => {
      s.resources[resourceKey('wikibot', 'label')] = { id: '7', owned: true };
    });
    expect((await readState(file)).resources['wikibot/label']).toEqual({ id: '7', owned: true });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('refuses a torn state file with a hint instead of overwriting it', async () => {
    const file = join(dir, 'state.json');
    await writeFile(file, '{"version":1,"resources":{');
    const err = (await readState(file).catch((e: unknown) => e)) as ConfigError;
    expect(err).toBeInstanceOf(ConfigError);
    expect(err.message).toContain('is not valid JSON');
    await writeState(join(dir, 'other.json'), emptyState());
    expect(await readFile(file, 'utf8')).toBe('{"version":1,"resources":{');
  });
});

describe('.env', () => {
  it('parses comments, quotes and export', () => {
    expect(parseEnvFile('# c\nexport A=1\nB="two words"\nC=x # note\n')).toEqual({ A: '1', B: 'two words', C: 'x' });
  });

  it('upserts keys, keeps the other lines, and is mode 0600', async () => {
    const file = join(dir, '.env');
    await writeFile(file, '# mine\nOTHER=1\nOMNIDESK_API_KEY=old\n');
    expect(await upsertEnvFile(file, { OMNIDESK_API_KEY: 'new key' })).toEqual(['OMNIDESK_API_KEY']);
    expect(await readFile(file, 'utf8')).toBe('# mine\nOTHER=1\nOMNIDESK_API_KEY="new key"\n');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });
});

describe('helpdesk URLs', () => {
  it.each([
    ['acme', 'https://acme.omnidesk.ru'],
    ['acme.omnidesk.ru', 'https://acme.omnidesk.ru'],
    ['https://support.acme.ru/admin/settings/api/', 'https://support.acme.ru'],
    ['http://127.0.0.1:4000', 'http://127.0.0.1:4000'],
  ])('%s → %s', (input, origin) => {
    expect(normalizeHelpdeskUrl(input, 'omnidesk.ru')).toBe(origin);
  });
});
