/**
 * `omnibot sandbox`: starts the sandbox servers, prints the ready line (always, even with
 * --quiet) and the hints (unless --quiet), then serves until the first SIGINT/SIGTERM, when it
 * closes everything and returns 0.
 */
import { z } from 'zod';
import type { Context } from '../../context.js';
import { waitForAbort } from '../../core/abort.js';
import { EXIT, UsageError } from '../../core/errors.js';
import type { Handler } from '../lazy-action.js';
import { parseOptions } from '../parse-options.js';
import { sandboxHints } from './hints.js';

const port = z.coerce.number().int('must be a whole number').min(0, 'must be 0..65535').max(65535, 'must be 0..65535');

const optionsSchema = z.object({
  port: port.optional(),
  hdePort: port.optional(),
  host: z.string().trim().min(1, 'must not be empty').optional(),
  email: z.email('must be an e-mail address').optional(),
  apiKey: z.string().min(1, 'must not be empty').optional(),
  rateLimit: z.coerce.number().int('must be a whole number').min(1, 'must be at least 1').max(1_000_000).optional(),
  bot: z.enum(['reference'], 'must be "reference"').optional(),
});

const handler: Handler = async ({ opts }, ctx: Context) => {
  const options = parseOptions(optionsSchema, opts);
  if (options.port && options.hdePort && options.port === options.hdePort) {
    throw new UsageError(`--hde-port ${options.hdePort}: must differ from --port.`);
  }
  const { startSandbox } = await import('../../sandbox/index.js');
  const sandbox = await startSandbox({
    host: options.host,
    omnideskPort: options.port,
    helpdeskeddyPort: options.hdePort,
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
