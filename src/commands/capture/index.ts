import { Command } from 'commander';
import { examples, lazyAction } from '../lazy-action.js';

export function captureCommand(): Command {
  const capture = new Command('capture').description('work with capture files (written by `omnibot listen --capture`)');
  capture
    .command('redact')
    .description('replace e-mails, phones, names and message text with stable placeholders')
    .argument('<in>', 'capture file to redact (never modified); - reads stdin')
    .option(
      '-o, --output <file>',
      'where to write the redacted copy; - is stdout (default <in>.redacted.ndjson, or stdout for -)',
    )
    .option('--force', 'overwrite the output file if it exists')
    .addHelpText(
      'after',
      `
The same value always gets the same placeholder (user-1@example.invalid, +70000000001,
Name-1, text-1), so a conversation stays linked. The copy stays valid and replayable.
${examples([
  ['omnibot capture redact hooks.ndjson', 'writes hooks.redacted.ndjson'],
  ['omnibot capture redact hooks.ndjson -o test/fixtures/omnidesk.ndjson', 'a fixture you can commit'],
])}`,
    )
    .action(lazyAction(() => import('./redact-action.js')));
  return capture;
}
