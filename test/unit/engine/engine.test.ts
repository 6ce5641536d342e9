import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { schema, registry } from '../../helpers/registry.js';
import { type Config } from '../../../src/model/config.js';
import { readState } from '../../../src/core/state.js';
import { apply } from '../../../src/engine/apply.js';
import { plan } from '../../../src/engine/plan.js';
import { specHash } from '../../../src/engine/spec-hash.js';
import type { EngineContext } from '../../../src/engine/types.js';
import { ApiError, AuthError, CancelledError } from '../../../src/core/errors.js';
import { changedRuleSpec, incomingRuleSpec } from '../../../src/integrations/omnidesk-bot/specs.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { botConfig } from '../../helpers/steps-fixtures.js';
import { fakeOmnidesk, type FakeOmnidesk } from '../../helpers/fake-omnidesk.js';
import { memoryIo } from '../../helpers/memory-io.js';

let dir: string;
let cleanup: () => Promise<void>;
let api: FakeOmnidesk;

beforeEach(async () => {
  ({ dir, cleanup } = await tempDir('omnibot-engine-'));
  api = fakeOmnidesk();
});
afterEach(() => cleanup());

function ectx(extra: Partial<EngineContext> = {}): EngineContext {
  return {
    io: memoryIo().io,
    signal: new AbortController().signal,
    stateFile: join(dir, '.omnibot', 'state.json'),
    clients: { omnidesk: async () => api },
    registry,
    now: () => new Date('2026-01-02T03:04:05Z'),
    ...extra,
  };
}

function byId<T extends { resource: string }>(items: T[]): Record<string, T> {
  return Object.fromEntries(items.map((i) => [i.resource, i]));
}

describe('plan', () => {
  it('lists every resource of omnidesk-bot in recipe order with its status', async () => {
    const result = await plan(botConfig(), ectx());
    expect(result.resources.map((r) => [r.resource, r.mode, r.status])).toEqual([
      ['api-key', 'check', 'ok'],
      ['label', 'api', 'create'],
      ['agent', 'check', 'ok'],
      ['incoming-rule', 'manual', 'manual'],
      ['changed-rule', 'manual', 'manual'],
      ['reply-as-note', 'check', 'ok'],
    ]);
    expect(result.summary).toEqual({ ok: 3, create: 1, manual: 2, note: 0, unknown: 0 });
    expect(result.pending).toBe(true);
    expect(byId(result.resources)['incoming-rule']!.step).toBe(3);
    expect(byId(result.resources)['agent']!.id).toBe('2');
  });

  it('makes reply-as-note a manual step only when the config asks for it', async () => {
    const result = await plan(botConfig({ replyAsNote: true }), ectx());
    expect(byId(result.resources)['reply-as-note']).toMatchObject({ mode: 'manual', status: 'manual', step: 5 });
  });

  it('reports an inactive or unknown agent as manual with the fix', async () => {
    const config = botConfig();
    (config.integrations[0] as unknown as { agent: string }).agent = 'support@acme.ru';
    let agent = byId((await plan(config, ectx())).resources)['agent']!;
    expect(agent.status).toBe('manual');
    expect(agent.detail).toContain('inactive');
    (config.integrations[0] as unknown as { agent: string }).agent = 'nobody@acme.ru';
    agent = byId((await plan(config, ectx())).resources)['agent']!;
    expect(agent.status).toBe('manual');
    expect(agent.detail).toContain('operator@acme.ru');
    expect(agent.detail).not.toContain('support@acme.ru');
  });

  it('finds the agent by staff id as well as by e-mail', async () => {
    const config = botConfig();
    (config.integrations[0] as unknown as { agent: string }).agent = '2';
    expect(byId((await plan(config, ectx())).resources)['agent']).toMatchObject({ status: 'ok', id: '2' });
  });

  it('turns a failed read into unknown with the reason, and keeps reading the rest', async () => {
    api.failNext.set('listLabels', new ApiError('Omnidesk had an internal error (HTTP 500).', { status: 500 }));
    const result = await plan(botConfig(), ectx());
    const label = byId(result.resources)['label']!;
    expect(label.status).toBe('unknown');
    expect(label.detail).toContain('HTTP 500');
    expect(byId(result.resources)['agent']!.status).toBe('ok');
    expect(result.summary.unknown).toBe(1);
  });

  it('lets refused credentials and an unreachable helpdesk end the run', async () => {
    api.failNext.set('listStaff', new AuthError('Omnidesk refused the key'));
    await expect(plan(botConfig(), ectx())).rejects.toBeInstanceOf(AuthError);
    api.failNext.set('listStaff', new ApiError('connection refused', { code: 'unreachable' }));
    await expect(plan(botConfig(), ectx())).rejects.toThrow(
      /Cannot reach https:\/\/acme\.omnidesk\.ru: connection refused/,
    );
  });

  it('never writes the state file', async () => {
    await plan(botConfig(), ectx());
    await expect(readFile(join(dir, '.omnibot', 'state.json'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('apply', () => {
  it('creates the label once, records id and ownership, and creates nothing the second time', async () => {
    const first = await apply(botConfig(), ectx());
    expect(byId(first.resources)['label']).toMatchObject({ action: 'created', status: 'ok' });
    expect(first.summary.created).toBe(1);
    const state = await readState(join(dir, '.omnibot', 'state.json'));
    const id = String(api.labels[0]!.label_id);
    expect(state.resources['wikibot/label']).toMatchObject({ id, owned: true, createdAt: '2026-01-02T03:04:05.000Z' });

    const second = await apply(botConfig(), ectx());
    expect(second.summary.created).toBe(0);
    expect(byId(second.resources)['label']).toMatchObject({ action: 'none', status: 'ok', id });
    expect(api.calls.filter((c) => c === 'createLabel')).toHaveLength(1);
    expect(api.labels).toHaveLength(1);
  });

  it('adopts a label that already exists without claiming it', async () => {
    api = fakeOmnidesk({ labels: ['wikibot'] });
    const result = await apply(botConfig(), ectx());
    expect(byId(result.resources)['label']!.action).toBe('adopted');
    const state = await readState(join(dir, '.omnibot', 'state.json'));
    expect(state.resources['wikibot/label']).toMatchObject({ owned: false });
    expect(api.calls).not.toContain('createLabel');
  });

  it('leaves manual steps pending without a terminal, in steps numbering', async () => {
    const result = await apply(botConfig(), ectx());
    expect(result.steps.map((s) => [s.number, s.id])).toEqual([
      [3, 'incoming-rule'],
      [4, 'changed-rule'],
    ]);
    expect(result.pending).toBe(true);
    expect(api.admin).toHaveLength(0);
  });

  it('performs manual rule steps through the sandbox admin path and records them', async () => {
    api.sandbox = true;
    const config = botConfig();
    const result = await apply(config, ectx());
    expect(api.admin.map((a) => [a.method, a.path])).toEqual([
      ['POST', '/_sandbox/rules'],
      ['POST', '/_sandbox/rules'],
    ]);
    const it0 = config.integrations[0] as Parameters<typeof incomingRuleSpec>[0];
    expect(api.admin[0]!.body).toEqual(incomingRuleSpec(it0));
    expect(byId(result.resources)['incoming-rule']).toMatchObject({
      action: 'sandbox',
      status: 'ok',
      confirmedBy: 'sandbox',
      id: '1',
    });
    expect(byId(result.resources)['incoming-rule']!.detail).toContain('performed through the sandbox admin path');
    const state = await readState(join(dir, '.omnibot', 'state.json'));
    expect(state.resources['wikibot/changed-rule']).toMatchObject({
      confirmedBy: 'sandbox',
      specHash: specHash(changedRuleSpec(it0)),
    });
    const after = await plan(config, ectx());
    expect(after.pending).toBe(false);
    expect(after.summary).toEqual({ ok: 6, create: 0, manual: 0, note: 0, unknown: 0 });
  });

  it('records what a person confirms, and re-opens a step when its spec changes', async () => {
    const seen: number[] = [];
    await apply(botConfig(), ectx(), {
      presentStep: async (step) => {
        seen.push(step.number);
        return 'done';
      },
    });
    expect(seen).toEqual([3, 4]);
    const state = await readState(join(dir, '.omnibot', 'state.json'));
    expect(state.resources['wikibot/incoming-rule']).toMatchObject({
      confirmedBy: 'user',
      confirmedAt: '2026-01-02T03:04:05.000Z',
    });
    expect((await plan(botConfig(), ectx())).pending).toBe(false);

    const changed: Config = schema.parse({
      ...botConfig(),
      integrations: [{ ...botConfig().integrations[0], webhookUrl: 'https://bot.example.com/v2' }],
    });
    const incoming = byId((await plan(changed, ectx())).resources)['incoming-rule']!;
    expect(incoming.status).toBe('manual');
    expect(incoming.detail).toContain('changed since user confirmed it');
  });

  it('after «Да» it looks again where the API can see the step: "not found yet", not confirmed', async () => {
    // A manual resource the API can read (as a custom channel is): here the incoming rule, never found.
    const readable: typeof registry = {
      ...registry,
      bind: async (integration) => {
        const bound = await registry.bind(integration);
        return {
          ...bound,
          resources: (config) =>
            bound
              .resources(config)
              .map((r) =>
                r.id === 'incoming-rule'
                  ? { ...r, read: async () => ({ status: 'manual' as const, detail: 'no such rule in the list' }) }
                  : r,
              ),
        };
      },
    };
    const result = await apply(botConfig(), ectx({ registry: readable }), { presentStep: async () => 'done' });
    const incoming = byId(result.resources)['incoming-rule']!;
    expect(incoming.action).toBe('pending');
    expect(incoming.detail).toMatch(/^not found yet: no such rule in the list/);
    expect(byId(result.resources)['changed-rule']!.action).toBe('confirmed');
    const state = await readState(join(dir, '.omnibot', 'state.json'));
    expect(state.resources['wikibot/incoming-rule']?.confirmedBy).toBeUndefined();
  });

  it('stops presenting steps after "stop" and leaves the rest pending', async () => {
    const seen: string[] = [];
    const result = await apply(botConfig(), ectx(), {
      presentStep: async (step) => {
        seen.push(step.id);
        return 'stop';
      },
    });
    expect(seen).toEqual(['incoming-rule']);
    expect(result.steps.map((s) => s.id)).toEqual(['incoming-rule', 'changed-rule']);
  });

  it('changes nothing with --dry-run, on a sandbox too', async () => {
    api.sandbox = true;
    const result = await apply(botConfig(), ectx(), { dryRun: true, presentStep: async () => 'done' });
    expect(byId(result.resources)['label']!.action).toBe('would-create');
    expect(byId(result.resources)['incoming-rule']!.action).toBe('would-sandbox');
    expect(api.calls).not.toContain('createLabel');
    expect(api.admin).toHaveLength(0);
    await expect(readFile(join(dir, '.omnibot', 'state.json'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('creates nothing when the person declines', async () => {
    await expect(apply(botConfig(), ectx(), { confirmCreate: async () => false })).rejects.toBeInstanceOf(
      CancelledError,
    );
    expect(api.calls).not.toContain('createLabel');
  });
});
