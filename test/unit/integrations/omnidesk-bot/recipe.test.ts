import { describe, expect, it } from 'vitest';
import type { OmnideskBotIntegration } from '../../../../src/integrations/omnidesk-bot/schema.js';
import { specHash } from '../../../../src/engine/spec-hash.js';
import { loadRecipe } from '../../../helpers/registry.js';
import { changedRuleSpec, incomingRuleSpec } from '../../../../src/integrations/omnidesk-bot/specs.js';
import { botConfig } from '../../../helpers/steps-fixtures.js';

const config = botConfig();
const it0 = config.integrations[0] as OmnideskBotIntegration;

describe('recipe omnidesk-bot', () => {
  it('is registered with its seed and the sample events verify sends', async () => {
    const recipe = await loadRecipe('omnidesk-bot');
    expect(recipe.helpdesk).toBe('omnidesk');
    expect(recipe.seed).toBe('000_4396ec49e1174e2f.txt');
    expect(recipe.sampleEvents).toEqual(['omnidesk.incoming', 'omnidesk.changed']);
  });

  it('declares its resources in order with their modes and kinds', async () => {
    const recipe = await loadRecipe('omnidesk-bot');
    const resources = recipe.resources(it0, config);
    expect(resources.map((r) => [r.id, r.mode, r.kind])).toEqual([
      ['api-key', 'check', 'omnidesk.credentials'],
      ['label', 'api', 'omnidesk.label'],
      ['agent', 'check', 'omnidesk.staff'],
      ['incoming-rule', 'manual', 'omnidesk.rule'],
      ['changed-rule', 'manual', 'omnidesk.rule'],
      ['reply-as-note', 'check', 'bot.option'],
    ]);
    const withNote = recipe.resources({ ...it0, replyAsNote: true }, config);
    const note = withNote.find((r) => r.id === 'reply-as-note')!;
    expect(note.mode).toBe('manual');
    expect(note.describe!({ config, integration: it0, lang: 'ru' }).spec).toEqual({
      kind: 'note',
      topic: 'bot.reply-as-note',
    });
  });

  it('describes the incoming rule as seed 000 sets it up', () => {
    const spec = incomingRuleSpec(it0);
    expect(spec.ruleKind).toBe('incoming');
    expect(spec.conditions).toEqual([{ field: 'status', op: 'eq', value: 'open' }]);
    expect(spec.actions).toEqual([
      {
        type: 'webhook',
        url: 'https://bot.example.com/omnidesk',
        method: 'POST',
        format: 'JSON',
        fields: ['case_id', 'case_description', 'user_id'],
      },
      { type: 'add_label', label: 'wikibot' },
    ]);
  });

  it('describes the changed rule with both loop guards under ALL', () => {
    const spec = changedRuleSpec(it0);
    expect(spec).toMatchObject({ ruleKind: 'changed', match: 'all' });
    expect(spec.conditions).toEqual([
      { field: 'changed_by', value: 'user' },
      { field: 'labels', op: 'contains', label: 'wikibot' },
    ]);
    expect(spec.actions).toEqual([
      {
        type: 'webhook',
        url: 'https://bot.example.com/omnidesk',
        method: 'POST',
        format: 'JSON',
        fields: ['case_id', 'last_message', 'user_id'],
      },
    ]);
  });

  it('hashes a spec stably (key order does not matter) and differently when it changes', () => {
    const spec = incomingRuleSpec(it0);
    const reordered = JSON.parse(
      JSON.stringify({
        actions: spec.actions,
        conditions: spec.conditions,
        match: spec.match,
        title: spec.title,
        ruleKind: spec.ruleKind,
        kind: spec.kind,
      }),
    );
    expect(specHash(reordered)).toBe(specHash(spec));
    expect(specHash(incomingRuleSpec({ ...it0, label: 'other' }))).not.toBe(specHash(spec));
  });
});
