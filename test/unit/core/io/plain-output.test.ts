/**
 * --no-color reaches the prompts: a real @inquirer prompt drawn through plainOutput writes its
 * text and cursor movements but no colour, where the same prompt on the terminal itself is coloured.
 */
import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it, onTestFinished } from 'vitest';
import { InquirerPrompter } from '../../../../src/core/io/prompter.js';
import { plainOutput, stripColour } from '../../../../src/core/io/plain-output.js';

// eslint-disable-next-line no-control-regex -- an SGR sequence starts with ESC
const SGR = /\x1b\[[0-9;:]*m/;

function fakeTerminal() {
  const input = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => input });
  const written: string[] = [];
  const terminal = Object.assign(
    new Writable({
      write(chunk: Buffer | string, _encoding, done) {
        written.push(String(chunk));
        done();
      },
    }),
    { isTTY: true, columns: 80, rows: 24 },
  );
  return { input, terminal, text: () => written.join('') };
}

async function ask(plain: boolean): Promise<string> {
  const { input, terminal, text } = fakeTerminal();
  const output = plain ? plainOutput(terminal) : terminal;
  const prompter = new InquirerPrompter({ input, output });
  const answer = prompter.select({
    message: 'Check the setup in CI too?',
    flag: '--ci',
    choices: [
      { value: 'github', name: 'GitHub Actions' },
      { value: 'none', name: 'No CI workflow' },
    ],
  });
  // Enter once the prompt is drawn, so its keypress listener is there to hear it.
  while (!stripColour(text()).includes('GitHub Actions')) await new Promise((r) => setImmediate(r));
  input.write('\r');
  expect(await answer).toBe('github');
  return text();
}

describe('prompts without colour', () => {
  it('draws the prompt with no SGR sequence, where the plain terminal gets colour', async () => {
    // The prompts colour by the process (node:util styleText); this worker's stdout is no terminal.
    const before = process.env.FORCE_COLOR;
    process.env.FORCE_COLOR = '1';
    onTestFinished(() => {
      if (before === undefined) delete process.env.FORCE_COLOR;
      else process.env.FORCE_COLOR = before;
    });
    const coloured = await ask(false);
    expect(coloured).toMatch(SGR);
    const plain = await ask(true);
    expect(plain).toContain('Check the setup in CI too?');
    expect(plain).toContain('GitHub Actions');
    expect(plain).not.toMatch(SGR);
    expect(stripColour(coloured)).toContain('Check the setup in CI too?');
  });

  it('reports the size of the terminal it draws on', () => {
    const { terminal } = fakeTerminal();
    const out = plainOutput(terminal) as NodeJS.WriteStream;
    expect([out.isTTY, out.columns, out.rows]).toEqual([true, 80, 24]);
  });
});
