/**
 * `omnibot sandbox`: starts the sandbox servers, prints the ready line (always, even with
 * --quiet) and the hints (unless --quiet), then serves until the first SIGINT/SIGTERM, when it
 * closes everything and returns 0.
 */
import { z } from 'zod';
import type { Context } from '../../kit/context.js';
import { waitForAbort } from '../../core/abort.js';
import { EXIT, UsageError } from '../../core/errors.js';
import type { Handler } from '../lazy-action.js';
import { parseOptions, wholeNumber } from '../../kit/parse-options.js';
import { HELPDESKS } from '../../helpdesks/registry.js';
import { sandboxHints } from './hints.js';

const port = wholeNumber(0, 65535);

/** `--hde-port` → `hdePort`: the key commander gives a helpdesk's port flag. */
const keyOf = (flag: string) => flag.replace(/^--/, '').replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());

const optionsSchema = z.object({
  ...Object.fromEntries(HELPDESKS.map((h) => [keyOf(h.sandbox.portFlag), port.optional()])),
  host: z.string().trim().min(1, 'must not be empty').optional(),
  email: z.email('must be an e-mail address').optional(),
  apiKey: z.string().min(1, 'must not be empty').optional(),
  rateLimit: wholeNumber(1, 1_000_000).optional(),
  bot: z.enum(['reference'], 'must be "reference"').optional(),
});

const handler: Handler = async ({ opts }, ctx: Context) => {
  const options = parseOptions(optionsSchema, opts);
  const ports: Record<string, number | undefined> = {};
  for (const h of HELPDESKS) {
    const value = (options as Record<string, number | undefined>)[keyOf(h.sandbox.portFlag)];
    const clash = HELPDESKS.find((o) => value && ports[o.kind] === value);
    if (clash) throw new UsageError(`${h.sandbox.portFlag} ${value}: must differ from ${clash.sandbox.portFlag}.`);
    ports[h.kind] = value;
  }
  const { startSandbox } = await import('../../sandbox/index.js');
  const sandbox = await startSandbox({
    host: options.host,
    ports,
    email: options.email,
    apiKey: options.apiKey,
    rateLimit: options.rateLimit,
    bot: options.bot,
    onInternalError: (err) => ctx.io.warn(`sandbox: internal error: ${(err as Error)?.message ?? String(err)}`),
  });
  ctx.defer(() => sandbox.close());

  const urls = sandbox.urls();
  ctx.io.err(`ready ${JSON.stringify(urls)}`);
  if (ctx.io.json) ctx.io.printJson(urls);
  for (const line of sandboxHints(urls, options, ctx.io.ce)) ctx.io.info(line);

  await waitForAbort(ctx.signal);
  ctx.io.info('sandbox: stopping…');
  await sandbox.close();
  ctx.io.info('sandbox: stopped.');
  return EXIT.ok;
};

export default handler;
