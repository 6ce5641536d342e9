/** `omnibot capture redact <in> [-o <out>]`: a committable copy of a capture file. */
import { access } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { CancelledError, EXIT, UsageError } from '../../core/errors.js';
import { assertReadableFile } from '../../capture/reader.js';
import { redactFile } from '../../capture/redact-file.js';
import { loadKnownSecrets } from '../../webhooks/known-secrets.js';
import type { Handler } from '../lazy-action.js';
import { parseOptions } from '../../kit/parse-options.js';

const optionsSchema = z.object({
  output: z.string().min(1, 'must name a file').optional(),
  force: z.boolean().optional(),
  json: z.boolean().optional(),
});

/** `hooks.ndjson` → `hooks.redacted.ndjson`; `hooks.log` → `hooks.log.redacted.ndjson`. */
export function defaultRedactedPath(input: string): string {
  const name = basename(input).replace(/\.(ndjson|jsonl)$/i, '');
  return join(dirname(input), `${name}.redacted.ndjson`);
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

const handler: Handler = async ({ args, opts }, ctx) => {
  const o = parseOptions(optionsSchema, opts);
  const input = resolve(ctx.cwd, String(args[0]));
  await assertReadableFile(input, '<in>');
  const output = o.output ? resolve(ctx.cwd, o.output) : defaultRedactedPath(input);
  if (output === input)
    throw new UsageError('--output: the redacted copy cannot replace the input file.', {
      hint: 'Name a different file with -o.',
    });
  if (!o.force && (await exists(output))) {
    throw new UsageError(`--output: ${output} already exists.`, {
      hint: 'Pass --force to overwrite it, or name another file with -o.',
    });
  }
  await loadKnownSecrets(ctx);
  const result = await redactFile(input, output, { onWarning: (m) => ctx.io.warn(m), signal: ctx.signal });
  if (ctx.signal.aborted) throw new CancelledError('Redaction cancelled; nothing was written.');
  const r = result.replaced;
  if (ctx.io.json)
    ctx.io.printJson({ input, output, records: result.records, skippedLines: result.skippedLines, replaced: r });
  else ctx.io.out(output);
  ctx.io.info(
    `capture redact: ${result.records} record(s) → ${output} · e-mails ${r.email} · phones ${r.phone} · names ` +
      `${r.name} · texts ${r.text}` +
      (result.skippedLines ? ` · skipped lines ${result.skippedLines}` : ''),
  );
  return EXIT.ok;
};

export default handler;
