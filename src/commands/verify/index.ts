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
      new Option('--reporter <name>', 'report format on stdout, or into --output').choices(['human', 'json', 'junit']),
    )
    .option('--output <file>', 'write the report to this file (e.g. JUnit XML for CI); stdout keeps the human summary')
    .option('--integration <name>', 'only this integration of the config')
    .addHelpText(
      'after',
      `
Never prompts. Exit codes: 0 every check passed · 1 a check failed · 2 config error · 3 credentials refused.
Under GitHub Actions (GITHUB_ACTIONS=true) failures are also printed as ::error:: annotations.
A passing --e2e marks the recipe's manual steps as confirmed in .omnibot/state.json.
${examples([
  ['omnibot verify', 'config, credentials, label, agent, bot endpoint'],
  ['omnibot verify --e2e', 'and the full round trip, with its timeline on stderr'],
  ['omnibot verify --e2e --reporter junit --output omnibot-junit.xml', 'in CI: JUnit XML for the test report'],
  ['omnibot verify --only endpoint --timeout 10s', 'only the bot endpoint check'],
])}`,
    )
    .action(lazyAction(() => import('./action.js')));
}
