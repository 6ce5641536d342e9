import { Command } from 'commander';
import { collect, examples, lazyAction } from '../lazy-action.js';

export function tailCommand(): Command {
  return new Command('tail')
    .description("print a capture file in listen's format (and follow it), or follow a helpdesk case")
    .argument('[file]', 'capture file written by `omnibot listen --capture`; - reads stdin')
    .option('-f, --follow', 'keep printing records as the file grows (copes with truncation)')
    .option(
      '--event <name>',
      'only records of this event (repeatable; short names like new_ticket work; a body that fits two events ' +
        'matches either; unknown: records no event matched)',
      collect,
    )
    .option('--case <id>', 'instead of a file: follow a helpdesk test case as it happens')
    .option('--since <time>', 'only records received at or after: ISO 8601, or a duration ago (10m, 2h, 1d)')
    .option('--interval <duration>', 'how often to look for new data (default 250ms for files, 2s for a case)')
    .addHelpText(
      'after',
      `
Torn or invalid lines are skipped with a warning naming the line. --json prints the records
themselves, one per line. Ctrl-C stops following and exits 0.
${examples([
  ['omnibot tail hooks.ndjson', 'what was captured, one line per request'],
  ['omnibot tail hooks.ndjson --follow --event helpdeskeddy.new_reply', 'watch new replies as they arrive'],
  ['omnibot tail hooks.ndjson --since 1h', 'only the last hour'],
  ['omnibot tail hooks.ndjson --json | jq -c "{event, status: .response.status}"', 'machine-readable'],
  ['omnibot tail --case 88120045', "the case's timeline, live"],
])}`,
    )
    .action(lazyAction(() => import('./action.js')));
}
