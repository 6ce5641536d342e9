import { Command } from 'commander';
import { examples, lazyAction } from '../lazy-action.js';

export function inspectCommand(): Command {
  return new Command('inspect')
    .description('open a capture file in the inspector: a local page to browse, filter, replay and promote requests')
    .argument('<capture>', 'an NDJSON capture file (from listen --capture)')
    .option('--port <n>', 'port of the page (default: a free one)')
    .option('--no-open', 'do not open the page in a browser (it opens only at a terminal anyway)')
    .addHelpText(
      'after',
      `
The page binds 127.0.0.1 only and needs the address printed on stderr as
ready {"ui":"http://127.0.0.1:PORT/#token=…"}: the token in it is made for this run, so no
other user or web page can read the capture or send replays. The capture file is only read;
a million records open at once (the page asks for a screenful at a time). Secrets stay masked
unless revealed on the page. Ctrl-C stops it.
${examples([
  ['omnibot inspect hooks.ndjson', 'browse a capture'],
  ['omnibot inspect hooks.ndjson --no-open --port 4040', 'on a fixed port, without opening a browser'],
])}`,
    )
    .action(lazyAction(() => import('./action.js')));
}
