import { Command } from 'commander';
import { collect, examples, lazyAction } from '../lazy-action.js';

export function replayCommand(): Command {
  return new Command('replay')
    .description('re-send captured webhooks, byte-exact')
    .argument('<file>', 'capture file written by `omnibot listen --capture`; - reads stdin')
    .option('--to <url>', "where to send them; each record's path and query are appended")
    .option(
      '--event <name>',
      'only records of this event (repeatable; short names like new_ticket work; a body that fits two events ' +
        'matches either; unknown: records no event matched)',
      collect,
    )
    .option('--since <time>', 'only records received at or after: ISO 8601, or a duration ago (10m, 2h, 1d)')
    .option('--until <time>', 'only records received at or before: ISO 8601, or a duration ago (10m, 2h, 1d)')
    .option('--concurrency <n>', 'requests in flight at once (default 1: original order)')
    .option('--rate <n/s>', 'at most this many requests per second, evenly spaced, e.g. 20/s')
    .option('--preserve-timing', 'keep the original gaps between requests')
    .option(
      "--header <'K: V'>",
      'add or override a header (repeatable); also supplies a header masked at capture time',
      collect,
    )
    .option(
      '--token-env <VAR>',
      'environment variable holding the bot token a masked path carried (default: from the config)',
    )
    .option(
      '--query-env <param=VAR>',
      'environment variable holding a masked query parameter, e.g. secret_key=BILLMANAGER_SECRET (repeatable)',
      collect,
    )
    .option('--timeout <duration>', 'give up on a request after this long (default 10s)')
    .addHelpText(
      'after',
      `
Sends each record's exact body bytes (a GET's too), method and headers (repeated ones
repeated); hop-by-hop headers are dropped. Nothing masked at capture time (***) is sent: a bot
token, BILLmanager's secret_key or an API key is put back from the config or the environment,
or from --token-env / --query-env / --header; a record whose masked value nobody supplies is
refused with a message naming the flag. Printed URLs stay masked. A torn or invalid line is
skipped with a warning naming its line. Exit 1 if any request failed, answered non-2xx or was
refused.
${examples([
  ['omnibot replay hooks.ndjson --to http://127.0.0.1:3000', 'everything, one at a time, in order'],
  [
    'omnibot replay hooks.ndjson --to http://127.0.0.1:3000 --event omnidesk.incoming --since 1h',
    'the last hour of new cases',
  ],
  [
    "omnibot replay hooks.ndjson --to https://bot.example.com --header 'Authorization: Bearer …' --rate 5/s",
    'gently, with a credential',
  ],
  ['omnibot replay hooks.ndjson --to http://127.0.0.1:3000 --json | jq .status', 'one JSON object per request'],
])}`,
    )
    .action(lazyAction(() => import('./action.js')));
}
