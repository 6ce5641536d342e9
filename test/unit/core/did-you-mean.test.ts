import { describe, expect, it } from 'vitest';
import { closest, didYouMean, editDistance } from '../../../src/core/did-you-mean.js';
import { runCli } from '../../helpers/run-cli.js';

describe('did you mean', () => {
  it.each([
    ['verfy', 'verify', 1],
    ['chnaged', 'changed', 1],
    ['lable', 'label', 1],
    ['', 'abc', 3],
    ['same', 'same', 0],
  ])('editDistance(%s, %s) = %i', (a, b, n) => {
    expect(editDistance(a, b)).toBe(n);
  });

  const events = [
    'omnidesk.incoming',
    'omnidesk.changed',
    'omnidesk.message_new',
    'helpdeskeddy.new_ticket',
    'helpdeskeddy.new_reply',
  ];
  it.each([
    ['omnidesk.chnged', ['omnidesk.changed']],
    ['omnidesk.incomin', ['omnidesk.incoming']],
    ['helpdeskeddy.new', ['helpdeskeddy.new_reply', 'helpdeskeddy.new_ticket']],
    ['zendesk.ticket', []],
  ])('%s → %j', (typed, want) => {
    expect(closest(typed, events)).toEqual(want);
  });

  it('words the hint, or says nothing when nothing is close', () => {
    expect(didYouMean('verfy', ['verify', 'plan'])).toBe(' (did you mean "verify"?)');
    expect(didYouMean('xyz', ['verify', 'plan'])).toBe('');
  });
});

describe('did you mean, where users type names', () => {
  it.each([
    [['help', 'verfy'], `unknown command 'verfy' (did you mean "verify"?)`],
    [['verfy'], 'Did you mean verify?'],
    [
      ['send', 'omnidesk.incomin', '--to', 'http://127.0.0.1:9/'],
      'unknown event "omnidesk.incomin" (did you mean "omnidesk.incoming"?)',
    ],
    [['events', 'show', 'omnidesk.chnged'], '(did you mean "omnidesk.changed"?)'],
    [['init', '--recipe', 'omnidesk-bott', '--no-input'], '(did you mean "omnidesk-bot"?)'],
    [['steps', '--lang', 'rus'], '(did you mean "ru"?)'],
  ])('omnibot %j', async (argv, text) => {
    const r = await runCli(argv);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(text);
  });
});
