/** `omnibot send <event> --to <url>`: definition only; the handler loads on use. */
import { Command } from 'commander';
import { collect, examples, lazyAction } from '../lazy-action.js';

export function sendCommand(): Command {
  return new Command('send')
    .description('send a sample webhook of an event to a URL (fresh ids and times on every request)')
    .argument('<event>', 'event name from `omnibot events` (a unique last part is enough: new_ticket)')
    .option('--to <url>', 'where to send it: your bot, `omnibot listen`, the sandbox')
    .option(
      '--set <path=value>',
      'override a field, by its path in the payload: ticket_id=1042, object[content]=… (repeatable)',
      collect,
    )
    .option('--data <file|->', 'send this file (or stdin) byte for byte instead of the rendered sample')
    .option(
      '--header <"Name: value">',
      'extra request header, e.g. "Authorization: Bearer …" (repeatable; values are never printed)',
      collect,
    )
    .option('--encoding <json|form>', 'another encoding the event accepts (omnidesk.message_new: json)')
    .option('--count <n>', 'how many requests to send (default 1)')
    .option('--concurrency <n>', 'requests in flight at once (default 1)')
    .option('--timeout <duration>', 'give up on a request after this long (default 10s)')
    .addHelpText(
      'after',
      `
Prints one line per request on stdout: number, status, time and the start of the response body
(--json: one JSON object per request). Exit 1 if any request got a non-2xx answer or none.
${examples([
  [
    'omnibot send helpdeskeddy.new_ticket --to http://127.0.0.1:8787/',
    'the prescribed nine-field body with fresh values, to a local listener',
  ],
  [
    'omnibot send omnidesk.message_new --to https://bot.example.com/omnidesk --set "object[content]=Здравствуйте!"',
    'a custom-channel reply with your text',
  ],
  ['omnibot send omnidesk.incoming --to $URL --set case_id=210000001 --count 50 --concurrency 10', 'a small load test'],
  ['omnibot send helpdeskeddy.new_reply --to $URL --header "X-Webhook-Secret: $SECRET"', 'with a shared-secret header'],
  ['omnibot send omnidesk.incoming --to $URL --data captured.json', 'a captured body instead of the sample'],
  ['omnibot send new_ticket --to $URL --json | jq .status', 'machine-readable results'],
])}`,
    )
    .action(lazyAction(() => import('./action.js')));
}
