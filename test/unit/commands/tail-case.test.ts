import { afterEach, describe, expect, it } from 'vitest';
import { startCli } from '../../helpers/run-cli.js';
import { setup, type Fixture } from '../../helpers/verify-fixture.js';

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
  it(
    'follows a case as NDJSON: history first, then the user ' + 'reply, the hand-off and the trash; stopping returns 0',
    async () => {
      fx = await setup();
      const c = await fx.api.createCase({
        subject: 'tail me',
        content: 'Где моя доставка?',
        user_email: 'tail@example.invalid',
      });
      const cli = startCli(['tail', '--case', String(c.case_id), '--json', '--interval', '100ms'], { cwd: fx.dir });
      const events = (): Event[] =>
        cli
          .stdout()
          .split('\n')
          .slice(0, -1)
          .filter((l) => l.trim())
          .map((l) => JSON.parse(l) as Event);
      const waitFor = (kind: string, text = '') =>
        cli.until(() => events().some((e) => e.kind === kind && e.text.includes(text)), `${kind} ${text}`);

      await waitFor('message', 'admin@sandbox.test replied'); // the bot's answer, from the history or live
      await fx.api.createMessage(c.case_id, { content: 'Позовите оператора, пожалуйста', user_id: c.user_id });
      await waitFor('assigned', 'operator@sandbox.test');
      await waitFor('label-removed', 'wikibot');
      await fx.api.trashCase(c.case_id);
      await waitFor('status-changed', 'trash');
      const result = await cli.stop();
      expect(result.exitCode).toBe(0);
      expect(events().map((e) => e.kind)).toEqual(
        expect.arrayContaining(['rule-fired', 'message', 'assigned', 'label-removed', 'status-changed']),
      );
      expect(events().find((e) => e.text.startsWith('user wrote: «Позовите оператора'))).toBeDefined();
      expect(events().every((e) => e.caseId === c.case_id && Number.isInteger(e.elapsedMs))).toBe(true);
      expect(String(result.stderr)).toContain(`following case #${c.case_id}`);
    },
  );

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
