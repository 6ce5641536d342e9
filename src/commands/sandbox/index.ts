/** `omnibot sandbox`: definition only; the handler (and the servers) load on use. */
import { Command } from 'commander';
import { HELPDESKS } from '../../helpdesks/registry.js';
import { examples, lazyAction } from '../lazy-action.js';

export function sandboxCommand(): Command {
  const cmd = new Command('sandbox').description(
    'local emulator of the Omnidesk and HelpDeskEddy APIs, with their rule engines (and a reference bot)',
  );
  for (const h of HELPDESKS)
    cmd.option(`${h.sandbox.portFlag} <n>`, `${h.title} sandbox port; 0 picks a free one (default 0)`);
  return cmd
    .option('--host <host>', 'interface to bind (default 127.0.0.1; the admin path answers loopback only)')
    .option('--email <email>', 'e-mail of the sandbox API user (default admin@sandbox.test)')
    .option(
      '--api-key <key>',
      'API key the sandbox accepts (default sandbox-api-key; visible in `ps`, see --api-key-env)',
    )
    .option(
      '--api-key-env <NAME>',
      'read the API key from this environment variable (default: OMNIBOT_SANDBOX_API_KEY when set)',
    )
    .option('--rate-limit <n>', 'API requests per minute before 429 (default 300)')
    .option('--bot <kind>', "also run a bot that answers the sandbox's webhooks: reference")
    .addHelpText(
      'after',
      `
Once both servers accept connections it prints one line on stderr:
  ready {"omnidesk":"http://127.0.0.1:P","helpdeskeddy":"http://127.0.0.1:Q"}
(plus "bot" with --bot reference). The data lives in memory and is gone when it stops.
Admin path (no auth, loopback only), on both servers: /_sandbox/info, /_sandbox/reset,
/_sandbox/faults, /_sandbox/deliveries, /_sandbox/requests. Omnidesk only: /_sandbox/rules,
/_sandbox/custom-channels, /_sandbox/custom-fields, /_sandbox/staff/{id}. HelpDeskEddy only:
/_sandbox/dispatcher-rules, /_sandbox/users, /_sandbox/behaviour, /_sandbox/ban.
Ctrl-C (or SIGTERM) stops it.
${examples([
  [
    'omnibot sandbox --port 8080',
    'Omnidesk API on http://127.0.0.1:8080/api/ (user admin@sandbox.test, key sandbox-api-key)',
  ],
  ['omnibot sandbox --port 0 --quiet', 'free ports; only the ready line on stderr (for scripts and tests)'],
  ['omnibot sandbox --bot reference', "with the reference bot wired to the sandbox's webhooks"],
  ['OMNIBOT_SANDBOX_API_KEY=… omnibot sandbox', 'accept this key instead of sandbox-api-key, kept out of `ps`'],
  ['omnibot sandbox --rate-limit 20', 'a tight per-minute limit, to watch a client slow down'],
  [
    'curl -X POST localhost:8080/_sandbox/faults -d \'{"status":429,"retryAfter":5,"count":2}\'',
    'make the next two API calls answer 429 with retry_after: 5',
  ],
])}`,
    )
    .action(lazyAction(() => import('./action.js')));
}
