import { Command } from 'commander';
import { examples, lazyAction } from '../lazy-action.js';

export function listenCommand(): Command {
  return new Command('listen')
    .description('local webhook receiver: prints, captures (byte-exact), forwards')
    .option('--port <n>', 'port to listen on; 0 picks a free one (default 8787)')
    .option('--host <host>', 'interface to bind; 0.0.0.0 exposes it beyond this machine (default 127.0.0.1)')
    .option('--path <prefix>', 'accept only this path prefix; other paths get 404 (and are still recorded)')
    .option('--capture <file>', 'append every request as one NDJSON record to this file (mode 0600)')
    .option(
      '--forward-to <url>',
      'proxy each request (same bytes and headers) to this URL and answer with its answer; 502 if none',
    )
    .option('--status <code>', 'status to answer with (default 200)')
    .option('--max-body <size>', 'largest body accepted, e.g. 512kb, 1mb; larger gets 413 (default 1mb)')
    .option('--secret-env <name>', 'environment variable holding a shared secret that requests must carry')
    .option('--secret-header <name>', 'header that carries the shared secret (with --secret-env)')
    .option('--secret-query <param>', 'query parameter that carries the shared secret (with --secret-env)')
    .option('--keep-secrets', 'keep credential headers and the shared secret in the capture file (stdout stays masked)')
    .option('--headers-timeout <duration>', 'drop a client whose headers take longer (default 10s)')
    .option('--request-timeout <duration>', 'drop a client whose whole request takes longer (default 30s)')
    .option('--max-connections <n>', 'open connections at once; more get 503 (default 512)')
    .option(
      '--max-pending <size>',
      'bytes of request bodies in flight at once; more get 503 (default 64mb, or twice --max-body)',
    )
    .option('--ui', 'also serve the inspector: a local page that lists requests live, shows and replays them')
    .option('--no-open', 'with --ui: do not open the page in a browser (it opens only at a terminal anyway)')
    .addHelpText(
      'after',
      `
Prints one line per request on stdout (--json: one capture record per line). Once it accepts
connections it prints one line on stderr: ready {"url":"http://127.0.0.1:PORT/"} (with --ui
also "ui": the inspector's address, which carries a per-run token: only that link opens it).
A 2xx answer means the request is in the capture file: when the file cannot be written (a full
disk) requests get 503 until it can. With --forward-to the sender gets the bot's own answer.
Secrets (credential headers and query parameters, bot tokens in webhook paths, the config's
keys and tokens) are shown and captured as ***.
Ctrl-C (or SIGTERM) stops accepting, lets in-flight requests finish and prints a summary.
${examples([
  ['omnibot listen --port 8787 --capture hooks.ndjson', 'record everything that arrives'],
  ['omnibot listen --port 0 --forward-to http://127.0.0.1:3000/webhook', 'sit in front of a local bot'],
  [
    'OMNIBOT_HOOK_SECRET=s3cr3t omnibot listen --secret-env OMNIBOT_HOOK_SECRET --secret-query token',
    'require ?token=…',
  ],
  ['omnibot listen --json | jq .event', 'machine-readable records'],
  ['omnibot listen --ui --forward-to http://127.0.0.1:3000/webhook', 'watch, inspect and replay in a browser'],
])}`,
    )
    .action(lazyAction(() => import('./action.js')));
}
