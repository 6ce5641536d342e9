import { describe, expect, it } from 'vitest';
import { loadRecipe } from '../../../helpers/registry.js';
import { chaportRuleSpec } from '../../../../src/integrations/chaport/rules.js';
import { config, rcFor } from '../../../helpers/recipe-fixtures.js';
import type { ChaportIntegration } from '../../../../src/integrations/chaport/schema.js';

const recipe = await loadRecipe('chaport');

const CH = { recipe: 'chaport', name: 'chat', statuses: { '4': { chatAccess: false } } };

function setup(
  statuses = [
    { status_id: 1, status: 'online', active: true },
    { status_id: 4, status: 'Обед', active: true },
  ],
) {
  const cfg = config([CH]);
  const it = cfg.integrations[0]!;
  return { cfg, it, resources: recipe.resources(it, cfg), rc: rcFor(cfg, it, { statuses }) };
}

describe('chaport recipe', () => {
  it('has the statuses check and the two rules', () => {
    expect(setup().resources.map((r) => [r.id, r.mode])).toEqual([
      ['staff-statuses', 'check'],
      ['incoming-rule', 'manual'],
      ['changed-rule', 'manual'],
    ]);
  });

  it('rules finish bot-only chats with «в ожидании»: а on the user’s first reply, б on the rest', () => {
    const it0 = setup().it;
    if (it0.recipe !== 'chaport') throw new Error('fixture');
    const chat = it0 as ChaportIntegration;
    const a = chaportRuleSpec(chat, 'incoming');
    const b = chaportRuleSpec(chat, 'changed');
    expect(a).toMatchObject({
      ruleKind: 'incoming',
      match: 'all',
      actions: [{ type: 'set_status', status: 'waiting' }],
    });
    expect(a.conditions).toEqual([
      { field: 'channel', op: 'eq', value: 'chat' },
      { field: 'message_author', op: 'eq', value: 'user' },
      { field: 'has_staff_reply', value: false },
    ]);
    expect(b).toMatchObject({ ruleKind: 'changed', actions: [{ type: 'set_status', status: 'waiting' }] });
    expect(b.conditions).toEqual([
      { field: 'channel', op: 'eq', value: 'chat' },
      { field: 'changed_by', value: 'user' },
      { field: 'has_staff_reply', value: false },
    ]);
  });

  it('steps quote Chaport’s description and mark the exact conditions as inferred', () => {
    const { cfg, it, resources } = setup();
    const [, incoming, changed] = resources.map((r) => r.describe!({ config: cfg, integration: it, lang: 'ru' }));
    const text = (s: typeof incoming) => s!.instructions.map((i) => i.text.ru).join('\n');
    expect(text(incoming)).toContain(
      'Правило для входящих обращений, которое срабатывает на первый ответ пользователя.',
    );
    expect(text(changed)).toContain('срабатывает на все остальные сообщения бота и ответы пользователя для бота');
    expect(text(incoming)).toContain('Точные условия этого правила текстом не опубликованы');
    expect(text(changed)).toContain('в ожидании');
    expect(incoming!.page).toBe('https://acme.omnidesk.ru/admin/channels/rules');
  });

  it('the statuses check is unknown for an undescribed custom status and ok once configured', async () => {
    const { resources, rc } = setup([
      { status_id: 4, status: 'Обед', active: true },
      { status_id: 6, status: 'Совещание', active: true },
    ]);
    const read = await resources[0]!.read!(rc);
    expect(read.status).toBe('unknown');
    expect(read.detail).toContain('«Совещание» (6)');
    expect(read.detail).not.toContain('Обед');
    const ok = setup();
    expect((await ok.resources[0]!.read!(ok.rc)).status).toBe('ok');
  });
});
