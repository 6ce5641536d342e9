import { describe, expect, it } from 'vitest';
import { useBotProject } from '../../helpers/project.js';

// No sandbox: `steps` must work offline, from the config alone.
const project = useBotProject(() => 'https://acme.omnidesk.ru', { replyAsNote: true });

describe('omnibot steps (offline)', () => {
  it('defaults to Russian text with the seed UI labels, pages and values filled in', async () => {
    const r = await project.run(['steps'], { OMNIDESK_API_KEY: '' });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toContain(
      'аккаунт администратора → раздел «Каналы» → подраздел «Правила» → вкладка «входящие обращения» → кнопка ' +
        '«Добавить правило»',
    );
    expect(r.stdout).toContain('Страница: https://acme.omnidesk.ru/admin/channels/rules');
    expect(r.stdout).toContain('Статус — равен — открытое');
    expect(r.stdout).toContain('URL: https://bot.example.com/omnidesk');
    expect(r.stdout).toContain('«Посылать ответ как заметку»');
    expect(r.stderr).toBe('');
  });

  it.each([
    ['text', 'ru', 'Шаг 3. Правило для входящих обращений'],
    ['text', 'en', 'Step 3. Rule for incoming cases'],
    ['markdown', 'ru', '### 4. Правило для изменённых обращений'],
    ['markdown', 'en', '### 4. Rule for changed cases'],
  ])('--format %s --lang %s', async (format, lang, heading) => {
    const r = await project.run(['steps', '--format', format, '--lang', lang]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toContain(heading);
    if (lang === 'en') expect(r.stdout).toContain('"Status" — "equals" — "open" (Статус — равен — открытое)');
  });

  it.each(['ru', 'en'])('--format json --lang %s is one document with the specs', async (lang) => {
    const r = await project.run(['steps', '--format', 'json', '--lang', lang]);
    expect(r.exitCode, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as {
      lang: string;
      steps: Array<{ id: string; number: number; spec: { kind: string } }>;
    };
    expect(doc.lang).toBe(lang);
    expect(doc.steps.map((s) => [s.number, s.id, s.spec.kind])).toEqual([
      [1, 'api-key', 'note'],
      [2, 'label', 'note'],
      [3, 'incoming-rule', 'omnidesk.rule'],
      [4, 'changed-rule', 'omnidesk.rule'],
      [5, 'reply-as-note', 'note'],
    ]);
  });

  it('--json means --format json', async () => {
    const r = await project.run(['steps', '--json']);
    expect(JSON.parse(r.stdout)).toHaveProperty('steps');
  });

  it('rejects an unknown format or integration with exit 2, naming the flag', async () => {
    const bad = await project.run(['steps', '--format', 'pdf']);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('--format');
    const none = await project.run(['steps', '--integration', 'nope']);
    expect(none.exitCode).toBe(2);
    expect(none.stderr).toContain('--integration: no integration named "nope" in the config (known: wikibot)');
  });
});
