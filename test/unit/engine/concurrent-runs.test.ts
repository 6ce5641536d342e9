/**
 * Runs against one config at the same time: each apply has its own client (as separate
 * processes would), so only the lock beside the state can keep them from creating the label
 * twice or losing each other's state entries.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Config } from '../../../src/model/config.js';
import { registry, schema } from '../../helpers/registry.js';
import { readState, updateState } from '../../../src/core/state.js';
import { apply } from '../../../src/engine/apply.js';
import { createOmnideskClient } from '../../../src/helpdesks/omnidesk/client/http.js';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox/index.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { memoryIo } from '../../helpers/memory-io.js';

let sandbox: RunningSandbox;
let dir: string;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  sandbox = await startSandbox({});
});
afterAll(() => sandbox.close());
beforeEach(async () => {
  await fetch(`${sandbox.omnidesk.url}/_sandbox/reset`, { method: 'POST' });
  ({ dir, cleanup } = await tempDir('omnibot-lock-'));
  return cleanup;
});

function config(name: string): Config {
  return schema.parse({
    omnidesk: { url: sandbox.omnidesk.url, email: 'admin@sandbox.test', apiKey: 'sandbox-api-key' },
    integrations: [
      {
        recipe: 'omnidesk-bot',
        name,
        webhookUrl: 'http://127.0.0.1:9/bot',
        label: 'wikibot',
        agent: 'operator@sandbox.test',
      },
    ],
  });
}

function run(cfg: Config) {
  const conn = cfg.omnidesk!;
  return apply(cfg, {
    io: memoryIo().io,
    signal: new AbortController().signal,
    stateFile: join(dir, '.omnibot', 'state.json'),
    // A client per run, as separate processes would have: no shared in-memory knowledge.
    clients: { omnidesk: async () => createOmnideskClient({ ...conn }) },
    registry,
  });
}

async function labels(): Promise<Array<{ label_id: number; label_title: string }>> {
  const auth = `Basic ${Buffer.from('admin@sandbox.test:sandbox-api-key').toString('base64')}`;
  const res = await fetch(`${sandbox.omnidesk.url}/api/labels.json`, { headers: { authorization: auth } });
  const body = (await res.json()) as Record<string, { label: { label_id: number; label_title: string } }>;
  return Object.values(body).flatMap((v) => (v && typeof v === 'object' && 'label' in v ? [v.label] : []));
}

describe('concurrent runs on one config', () => {
  it('four applies at once create the label once, and every run records the same id', async () => {
    const results = await Promise.all([1, 2, 3, 4].map(() => run(config('wikibot'))));
    const found = (await labels()).filter((l) => l.label_title === 'wikibot');
    expect(found).toHaveLength(1);
    expect(
      results.filter((r) => r.resources.some((i) => i.resource === 'label' && i.action === 'created')),
    ).toHaveLength(1);
    const state = await readState(join(dir, '.omnibot', 'state.json'));
    expect(state.resources['wikibot/label']).toMatchObject({ id: String(found[0]!.label_id), owned: true });
  });

  it('forty concurrent state updates keep every entry (no lost read-modify-write)', async () => {
    const file = join(dir, '.omnibot', 'state.json');
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        updateState(file, (s) => {
          s.resources[`n${i}/x`] = { id: String(i) };
        }),
      ),
    );
    const state = await readState(file);
    expect(Object.keys(state.resources).sort()).toEqual(Array.from({ length: 40 }, (_, i) => `n${i}/x`).sort());
  });
});
