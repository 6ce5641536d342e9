import { Command, Option } from 'commander';
import { collect, examples, lazyAction } from '../lazy-action.js';

export function verifyCommand(): Command {
  return new Command('verify')
    .description('check the setup: config, credentials, resources, the bot endpoint; --e2e runs the full round trip')
    .option('--e2e', 'also run the round trip: test case → rule → webhook → bot → reply → hand-off → clean-up')
    .option(
      '--only <check-id>',
      'run only this check (and what it needs); repeatable; `omnibot verify --json` lists the ids',
      collect,
    )
    .option(
      '--timeout <duration>',
      'how long to wait for each answer (bot response, each hop of the round trip): 30s, 2m, 500ms (default 120s)',
    )
    .addOption(
      new Option('--reporter <name>', 'report format on stdout, or into --output (html: a file only)').choices([
        'human',
        'json',
        'junit',
        'html',
      ]),
    )
    .option('--output <file>', 'write the report to this file (e.g. JUnit XML for CI); stdout keeps the human summary')
    .option('--html <file>', 'also write the HTML report (the round trip drawn, the failing hop marked) to this file')
    .option('--integration <name>', 'only this integration of the config')
    .option('--strict', 'fail on warnings too (a manual step that nobody confirmed and no round trip proved)')
    .addOption(
      new Option('--lang <lang>', 'language of the step titles in hints, as `omnibot steps --lang` prints them')
        .choices(['ru', 'en'])
        .default('ru'),
    )
    .addHelpText(
      'after',
      `
Never prompts. Exit codes: 0 every check passed · 1 a check failed · 2 config error · 3 credentials refused.
Under GitHub Actions (GITHUB_ACTIONS=true) failures are also printed as ::error:: annotations,
warnings as ::warning::. Plain verify ends with a manual-steps check per integration: each manual
step proven by a round trip, confirmed by a person, stale (changed since: fails), revoked (a round
trip failed there: fails) or never confirmed (a warning; --strict fails on it). A passing --e2e
marks the steps its round trip proves as confirmed in .omnibot/state.json; a failing one takes
back the confirmation of the step it names.
${examples([
  ['omnibot verify', 'config, credentials, label, agent, bot endpoint'],
  ['omnibot verify --e2e', 'and the full round trip, with its timeline on stderr'],
  ['omnibot verify --e2e --reporter junit --output omnibot-junit.xml', 'in CI: JUnit XML for the test report'],
  ['omnibot verify --e2e --reporter html --output report.html', 'a page with the round trip drawn'],
  ['omnibot verify --reporter junit --output junit.xml --html report.html', 'both from one run'],
  ['omnibot verify --only endpoint --timeout 10s', 'only the bot endpoint check'],
  ['omnibot verify --strict', 'in CI: also fail while a manual step is unconfirmed'],
])}`,
    )
    .action(lazyAction(() => import('./action.js')));
}
