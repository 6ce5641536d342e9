/** `omnibot events`, `events show <name>`, `events promote <capture>`: definitions only. */
import { Command } from 'commander';
import { collect, examples, lazyAction } from '../lazy-action.js';

function showCommand(): Command {
  return new Command('show')
    .description('an event: its fields, and a freshly rendered sample body')
    .argument('<name>', 'event name, e.g. omnidesk.message_new (a unique last part is enough: message_new)')
    .option('--set <path=value>', 'override a field in the sample, by its path in the payload (repeatable)', collect)
    .option('--encoding <json|form>', 'another encoding the event accepts (omnidesk.message_new: json)')
    .addHelpText(
      'after',
      examples([
        [
          'omnibot events show helpdeskeddy.new_ticket',
          'the nine-field body the setup steps prescribe, with fresh values',
        ],
        ['omnibot events show message_new --encoding json', 'the JSON variant of the custom-channel reply'],
        ['omnibot events show omnidesk.incoming --json | jq -r .sample.body', 'just the body'],
      ]),
    )
    .action(lazyAction(() => import('./show-action.js')));
}

function promoteCommand(): Command {
  return new Command('promote')
    .description('turn a captured payload into a user sample that overrides the shipped event')
    .argument('<capture>', 'capture file (NDJSON, from `omnibot listen --capture`)')
    .option('--record <n>', 'which record of the file (1-based)')
    .option('--as <event>', 'event name the sample replaces or adds, e.g. omnidesk.incoming')
    .option('--force', 'replace an existing user sample')
    .addHelpText(
      'after',
      examples([
        [
          'omnibot events promote hooks.ndjson --record 3 --as omnidesk.incoming',
          'a real Omnidesk payload replaces the inferred one',
        ],
        [
          'omnibot events promote hooks.ndjson --record 7 --as omnidesk.incoming --force',
          'a newer capture replaces that sample',
        ],
      ]),
    )
    .action(lazyAction(() => import('./promote-action.js')));
}

export function eventsCommand(): Command {
  const events = new Command('events')
    .description('the webhook events omnibot knows, with provenance')
    .addHelpText(
      'after',
      `
Provenance: prescribed (the exact body omnibot's setup steps have you paste) · documented (public
docs and clients) · observed (seen from a real helpdesk) · inferred (our guess: verify it) ·
captured (a real payload, promoted from a capture). A user sample in
<config dir>/.omnibot/events/<name>.json overrides a shipped event of the same name (marked *)
or adds a new one (marked +).
${examples([
  ['omnibot events', 'the table'],
  ['omnibot events --json | jq -r ".[].name"', 'names only'],
  ['omnibot events show omnidesk.message_new', 'fields and a sample body'],
])}`,
    )
    .action(lazyAction(() => import('./list-action.js')));
  events.addCommand(showCommand());
  events.addCommand(promoteCommand());
  for (const sub of events.commands) sub.exitOverride().showHelpAfterError('(run with --help for usage)');
  return events;
}
