import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readState, updateState } from '../../../src/core/state.js';
import { ConfigError } from '../../../src/core/errors.js';
import { tempDir } from '../../helpers/temp-dir.js';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir('omnibot-state-'));
});
afterEach(() => cleanup());

describe('state.json that is not what omnibot wrote', () => {
  const cases: Array<[string, string]> = [
    ['"resources": null', '{"version":1,"resources":null,"tokens":{}}'],
    ['"resources" a string', '{"version":1,"resources":"x","tokens":{}}'],
    ['an entry that is a number', '{"version":1,"resources":{"a/b":5}}'],
    ['an array', '[]'],
    ['torn JSON', '{"version":1,"reso'],
  ];
  it.each(cases)('%s is a config error (exit 2) naming the file, with a hint', async (_name, text) => {
    const file = join(dir, 'state.json');
    await writeFile(file, text);
    const err = await readState(file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).exitCode).toBe(2);
    expect((err as ConfigError).message).toContain(file);
    expect((err as ConfigError).hint).toMatch(/restore it|delete it/);
  });

  it('a folder where the file should be is a config error, for reading and for updating', async () => {
    const file = join(dir, 'state.json');
    await mkdir(file);
    await expect(readState(file)).rejects.toThrow(/is a folder/);
    await expect(updateState(file, () => undefined)).rejects.toBeInstanceOf(ConfigError);
  });

  it('accepts a byte-order mark, and keeps a "__proto__" key as a plain entry', async () => {
    const file = join(dir, 'state.json');
    await writeFile(file, '\uFEFF{"version":1,"resources":{"__proto__":{"id":"7"}},"tokens":{}}');
    const state = await readState(file);
    expect(Object.keys(state.resources)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).id).toBeUndefined();
  });
});
