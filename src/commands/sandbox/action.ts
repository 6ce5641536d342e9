/**
 * `omnibot sandbox`: starts the sandbox servers, prints the ready line (always, even with
 * --quiet) and the hints (unless --quiet), then serves until the first SIGINT/SIGTERM, when it
 * closes everything and returns 0.
 */
import { z } from 'zod';
import type { Context } from '../../kit/context.js';
import { waitForAbort } from '../../core/abort.js';
import { EXIT, UsageError } from '../../core/errors.js';
import { registerSecret } from '../../core/io/secrets.js';
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
  apiKeyEnv: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name')
    .optional(),
  rateLimit: wholeNumber(1, 1_000_000).optional(),
  bot: z.enum(['reference'], 'must be "reference"').optional(),
});

/** Read when neither --api-key nor --api-key-env is given. */
export const SANDBOX_KEY_VAR = 'OMNIBOT_SANDBOX_API_KEY';

/**
 * The key the sandbox accepts, and where it came from. A key on the command line is visible to
 * every user of the machine in `ps`; from the environment it is not.
 */
function apiKeyOf(
  options: { apiKey?: string; apiKeyEnv?: string },
  env: Record<string, string | undefined>,
): { key?: string; from?: string } {
  if (options.apiKey !== undefined && options.apiKeyEnv !== undefined) {
    throw new UsageError('--api-key and --api-key-env: give one of them', {
      hint: `--api-key-env <NAME> (or ${SANDBOX_KEY_VAR}) keeps the key out of \`ps\`.`,
      details: { flag: '--api-key-env' },
    });
  }
  if (options.apiKey !== undefined) return { key: options.apiKey, from: '--api-key' };
  const name = options.apiKeyEnv ?? SANDBOX_KEY_VAR;
  const value = env[name];
  if (value === undefined || value === '') {
    if (options.apiKeyEnv === undefined) return {};
    throw new UsageError(`--api-key-env: ${name} is not set (or empty)`, {
      hint: `Set ${name} to the key the sandbox should accept.`,
      details: { flag: '--api-key-env', variable: name },
    });
  }
  return { key: value, from: `$${name}` };
}

const handler: Handler = async ({ opts }, ctx: Context) => {
  const options = parseOptions(optionsSchema, opts);
  const apiKey = apiKeyOf(options, ctx.env);
  registerSecret(apiKey.key);
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
    apiKey: apiKey.key,
    rateLimit: options.rateLimit,
    bot: options.bot,
    onInternalError: (err) => ctx.io.warn(`sandbox: internal error: ${(err as Error)?.message ?? String(err)}`),
  });
  ctx.defer(() => sandbox.close());

  const urls = sandbox.urls();
  ctx.io.err(`ready ${JSON.stringify(urls)}`);
  if (ctx.io.json) ctx.io.printJson(urls);
  for (const line of sandboxHints(urls, { ...options, apiKey: apiKey.key, apiKeyFrom: apiKey.from }, ctx.io.ce))
    ctx.io.info(line);

  await waitForAbort(ctx.signal);
  ctx.io.info('sandbox: stopping…');
  await sandbox.close();
  ctx.io.info('sandbox: stopped.');
  return EXIT.ok;
};

export default handler;
