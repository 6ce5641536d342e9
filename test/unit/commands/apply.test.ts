import { Readable } from 'node:stream';
import { screen } from '@inquirer/testing/vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { beforeEach, describe, expect, it } from 'vitest';
import handler from '../../../src/commands/apply/action.js';
import { createContext } from '../../../src/commands/context.js';
import { InquirerPrompter } from '../../../src/core/io/prompter.js';
import { botConfig, SANDBOX_KEY, useBotProject } from '../../helpers/project.js';
import { resetSandbox, useSandbox } from '../../helpers/sandbox.js';

const sandbox = useSandbox();
beforeEach(() => resetSandbox(sandbox));
const project = useBotProject(() => sandbox.omnidesk.url);

const auth = { authorization: `Basic ${Buffer.from(`admin@sandbox.test:${SANDBOX_KEY}`).toString('base64')}` };

async function labels(): Promise<string[]> {
  const body = (await (await fetch(`${sandbox.omnidesk.url}/api/labels.json`, { headers: auth })).json()) as Record<
    string,
    unknown
  >;
  return Object.values(body)
    .filter((v): v is { label: { label_title: string } } => typeof v === 'object' && v !== null && 'label' in v)
    .map((v) => v.label.label_title);
}

async function rules(): Promise<Array<{ title: string; ruleKind: string }>> {
  const body = await (await fetch(`${sandbox.omnidesk.url}/_sandbox/rules`)).json();
  const list = Array.isArray(body) ? body : ((body as { rules?: unknown[] }).rules ?? []);
  return list.map((r) => {
    const rule = r as { title?: string; ruleKind?: string; spec?: { title: string; ruleKind: string } };
    return { title: rule.spec?.title ?? rule.title ?? '', ruleKind: rule.spec?.ruleKind ?? rule.ruleKind ?? '' };
  });
}

describe('omnibot apply (against a sandbox)', () => {
  it('creates the label, performs the rules through the sandbox admin path, and says so', async () => {
    const r = await project.run(['apply', '--yes']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/label\s+created\s+ok\s+created label "wikibot"/);
    expect(r.stdout).toMatch(
      /incoming-rule\s+sandbox\s+ok\s+performed through the sandbox admin path \(POST \/_sandbox\/rules\)/,
    );
    expect(r.stderr).toContain('performed through the sandbox admin path');
    expect(await labels()).toEqual(['wikibot']);
    expect((await rules()).map((x) => x.title).sort()).toEqual([
      'omnibot wikibot: входящие',
      'omnibot wikibot: изменённые',
    ]);
  });

  it(
    'without a terminal and without --yes: prints what ' + 'would change, changes nothing, exit 2 naming --yes',
    async () => {
      const r = await project.run(['apply']);
      expect(r.exitCode).toBe(2);
      expect(r.stdout).toMatch(/label\s+would-create/);
      expect(r.stderr).toContain('--yes');
      expect(r.stderr).toContain('Nothing was changed');
      expect(await labels()).toEqual([]);
      expect(await rules()).toEqual([]);
      const json = await project.run(['apply', '--json']);
      expect(json.exitCode).toBe(2);
      expect(JSON.parse(json.stdout).dryRun).toBe(true);
      expect(await labels()).toEqual([]);
    },
  );

  it('creates nothing the second time; the state file holds the ids', async () => {
    const first = await project.run(['apply', '--yes']);
    expect(first.exitCode, first.stderr).toBe(0);
    const second = await project.run(['apply', '--json', '--yes']);
    expect(second.exitCode, second.stderr).toBe(0);
    const doc = JSON.parse(second.stdout) as { summary: { created: number; sandbox: number }; pending: boolean };
    expect(doc.summary.created).toBe(0);
    expect(doc.pending).toBe(false);
    expect(await labels()).toEqual(['wikibot']);
    expect(await rules()).toHaveLength(2);
    const state = JSON.parse(await readFile(join(project.dir, '.omnibot', 'state.json'), 'utf8')) as {
      resources: Record<string, { id?: string; owned?: boolean; confirmedBy?: string; specHash?: string }>;
    };
    expect(state.resources['wikibot/label']).toMatchObject({ owned: true, id: expect.stringMatching(/^\d+$/) });
    expect(state.resources['wikibot/incoming-rule']).toMatchObject({
      confirmedBy: 'sandbox',
      specHash: expect.stringMatching(/^sha256:/),
    });
  });

  it('--dry-run changes nothing and writes no state', async () => {
    const r = await project.run(['apply', '--dry-run']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/label\s+would-create/);
    expect(r.stdout).toMatch(/incoming-rule\s+would-sandbox/);
    expect(r.stdout).toContain('dry run: nothing changed');
    expect(await labels()).toEqual([]);
    expect(await rules()).toEqual([]);
    await expect(readFile(join(project.dir, '.omnibot', 'state.json'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('prints the manual steps and leaves them pending when the helpdesk is not a sandbox', async () => {
    // The note step is a bot-side option no sandbox can perform: it stays pending and is printed.
    await writeFile(
      project.configFile,
      JSON.stringify(botConfig(sandbox.omnidesk.url, { replyAsNote: true }), null, 2),
    );
    const r = await project.run(['apply', '--yes', '--lang', 'ru']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toContain('Осталось сделать вручную:');
    expect(r.stdout).toContain('«Посылать ответ как заметку»');
    expect(r.stdout).toMatch(/reply-as-note\s+pending\s+manual/);
    const plan = await project.run(['plan', '--detailed-exitcode']);
    expect(plan.exitCode, plan.stderr).toBe(4);
  });
});

describe('omnibot apply at a terminal', () => {
  /** Waits until the prompt on screen shows `text`. */
  async function waitFor(text: string): Promise<string> {
    for (let i = 0; i < 50; i++) {
      if (screen.getScreen().includes(text)) return screen.getScreen();
      await screen.next();
    }
    throw new Error(`never saw "${text}"; screen:\n${screen.getScreen()}`);
  }

  it('asks before creating, then shows each step it cannot perform and records the confirmation', async () => {
    await writeFile(
      project.configFile,
      JSON.stringify(botConfig(sandbox.omnidesk.url, { replyAsNote: true }), null, 2),
    );
    let stdout = '';
    let stderr = '';
    const ctx = createContext(
      {},
      {
        cwd: project.dir,
        prompter: new InquirerPrompter({}),
        stdout: { write: (x: string) => (stdout += x) },
        stderr: { write: (x: string) => (stderr += x) },
        stdin: Object.assign(Readable.from([]), { isTTY: true }),
        env: project.env,
        signal: new AbortController().signal,
      },
    );
    const done = handler({ args: [], opts: { lang: 'en' }, command: {} as Command }, ctx);
    expect(await waitFor('Create through the API: wikibot/label?')).toBeTruthy();
    screen.keypress('enter');
    // The rules go through the sandbox admin path; the bot-side note option needs a person.
    await waitFor('Is the step done?');
    // The walk-through talks on stderr, with its place in the walk; stdout keeps only the result.
    expect(stderr).toContain("Step 5. The bot's answer as a note");
    expect(stderr).toMatch(/Step \d of \d · wikibot/);
    expect(stdout).not.toContain("The bot's answer as a note");
    screen.keypress('enter');
    expect(await done).toBe(0);
    expect(stdout).toMatch(/reply-as-note\s+confirmed\s+ok\s+confirmed by user/);
    const state = JSON.parse(await readFile(join(project.dir, '.omnibot', 'state.json'), 'utf8')) as {
      resources: Record<string, { confirmedBy?: string }>;
    };
    expect(state.resources['wikibot/reply-as-note']!.confirmedBy).toBe('user');
    expect(state.resources['wikibot/incoming-rule']!.confirmedBy).toBe('sandbox');
    expect(await labels()).toEqual(['wikibot']);
  });
});
