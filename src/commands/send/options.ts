/**
 * `send`'s flags, checked before anything is sent. Header values may be tokens, so no error
 * here ever repeats one: a malformed --header is described, not quoted.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { z } from 'zod';
import { MINUTE, parseDuration } from '../../core/duration.js';
import { UsageError } from '../../core/errors.js';
import { registerSecret } from '../../core/io/secrets.js';
import { parseOptions, wholeNumber } from '../../kit/parse-options.js';

export const sendOptionsSchema = z.object({
  to: z.string({ error: 'is required: the URL to send to' }).min(1, 'is required: the URL to send to'),
  set: z.array(z.string()).optional(),
  data: z.string().min(1).optional(),
  header: z.array(z.string()).optional(),
  encoding: z.enum(['json', 'form']).optional(),
  count: wholeNumber(1, 1_000_000).default(1),
  concurrency: wholeNumber(1, 1_000).default(1),
  timeout: z.string().optional(),
});

/** `timeout` in ms: the flag takes the common duration grammar (a bare number is seconds). */
export type SendOptions = Omit<z.output<typeof sendOptionsSchema>, 'timeout'> & { timeout: number };

export function parseSendOptions(opts: Record<string, unknown>): SendOptions {
  const parsed = parseOptions(sendOptionsSchema, opts);
  const timeout =
    parsed.timeout === undefined ? 10_000 : parseDuration(parsed.timeout, '--timeout', { maxMs: 10 * MINUTE });
  const options: SendOptions = { ...parsed, timeout };
  let url: URL;
  try {
    url = new URL(options.to);
  } catch {
    throw new UsageError('--to: not a valid URL', {
      hint: 'For example: --to http://127.0.0.1:8787/webhook',
      details: { flag: '--to' },
    });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`--to: only http and https URLs are supported, not ${url.protocol}`, {
      details: { flag: '--to' },
    });
  }
  if (options.data && options.set?.length) {
    throw new UsageError('--set cannot be combined with --data: --data sends the file byte for byte', {
      details: { flag: '--set' },
    });
  }
  return options;
}

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** `Name: value` pairs; values are registered as secrets so nothing omnibot prints can carry them. */
export function parseHeaders(args: string[] = []): Array<[string, string]> {
  return args.map((arg, i) => {
    const colon = arg.indexOf(':');
    const which = `--header #${i + 1}`;
    if (colon <= 0) {
      throw new UsageError(`${which}: expected "Name: value" (no ":" found; the value is not shown)`, {
        hint: 'For example: --header "Authorization: Bearer $TOKEN"',
        details: { flag: '--header' },
      });
    }
    const name = arg.slice(0, colon).trim();
    const value = arg.slice(colon + 1).trim();
    if (!TOKEN.test(name)) {
      throw new UsageError(
        `${which}: the header name is not valid (letters, digits and -_.!#$%&'*+^\`|~ only; the value is not shown)`,
        {
          details: { flag: '--header' },
        },
      );
    }
    if (/[\r\n\0]/.test(value))
      throw new UsageError(`${which}: the value contains a line break`, { details: { flag: '--header' } });
    registerSecret(value);
    return [name, value];
  });
}

/** The raw body of `--data <file|->` (a file relative to `cwd`); the bytes are sent untouched. */
export async function readData(source: string, stdin: NodeJS.ReadableStream, cwd: string): Promise<Buffer> {
  if (source === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    return Buffer.concat(chunks);
  }
  try {
    return await readFile(resolve(cwd, source));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a folder'
          : code === 'EACCES'
            ? 'permission denied'
            : (err as Error).message;
    throw new UsageError(`--data ${source}: cannot read it (${why})`, { details: { flag: '--data' } });
  }
}
