import { execa } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN } from '../helpers/run-cli.js';
import { setup, type Fixture } from './verify-fixture.js';

let fx: Fixture | undefined;
afterEach(async () => {
  await fx?.close();
  fx = undefined;
});

interface Event {
  kind: string;
  text: string;
  elapsedMs: number;
  caseId: number;
}

describe('omnibot tail --case', () => {
  it('follows a case as NDJSON: history first, then the user reply, the hand-off and the trash; Ctrl-C exits 0', async () => {
    fx = await setup();
    const c = await fx.api.createCase({ subject: 'tail me', content: 'Где моя доставка?', user_email: 'tail@example.invalid' });
    const child = execa('node', [BIN, 'tail', '--case', String(c.case_id), '--json', '--interval', '100ms'], {
      cwd: fx.dir,
      reject: false,
      env: { CI: 'true', FORCE_COLOR: '0', NO_COLOR: '1' },
    });
    const events: Event[] = [];
    let buffer = '';
    const waitFor = (kind: string, text = '') =>
      new Promise<void>((resolve, reject) => {
        const look = () => events.some((e) => e.kind === kind && e.text.includes(text));
        if (look()) return resolve();
        const onData = () => {
          if (look()) {
            child.stdout!.off('data', onData);
            resolve();
          }
        };
        child.stdout!.on('data', onData);
        child.once('exit', () => reject(new Error(`tail ended before ${kind}: ${JSON.stringify(events)}`)));
      });
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines) if (line.trim()) events.push(JSON.parse(line) as Event);
    });

    await waitFor('message', 'admin@sandbox.test replied'); // the bot's answer, from the history or live
    await fx.api.createMessage(c.case_id, { content: 'Позовите оператора, пожалуйста', user_id: c.user_id });
    await waitFor('assigned', 'operator@sandbox.test');
    await waitFor('label-removed', 'wikibot');
    await fx.api.trashCase(c.case_id);
    await waitFor('status-changed', 'trash');
    child.kill('SIGINT');
    const result = await child;
    expect(result.exitCode).toBe(0);
    expect(events.map((e) => e.kind)).toEqual(expect.arrayContaining(['rule-fired', 'message', 'assigned', 'label-removed', 'status-changed']));
    expect(events.find((e) => e.text.startsWith('user wrote: «Позовите оператора'))).toBeDefined();
    expect(events.every((e) => e.caseId === c.case_id && Number.isInteger(e.elapsedMs))).toBe(true);
    expect(String(result.stderr)).toContain(`following case #${c.case_id}`);
  });

  it('a case id that is not a number is a usage error naming --case', async () => {
    fx = await setup({ apply: false });
    const r = await fx.run(['tail', '--case', 'abc']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('--case');
  });

  it('a case that does not exist fails with exit 1', async () => {
    fx = await setup({ apply: false });
    const r = await fx.run(['tail', '--case', '999999999']);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/error:/);
  });
});
