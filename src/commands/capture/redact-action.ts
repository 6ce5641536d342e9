/** `omnibot capture redact <in> [-o <out>]`: a committable copy of a capture file. */
import { access } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';
import { CancelledError, EXIT, UsageError } from '../../core/errors.js';
import { assertReadableFile, capturePath, STDIO } from '../../capture/reader.js';
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
  const input = capturePath(ctx.cwd, String(args[0]));
  if (input !== STDIO) await assertReadableFile(input, '<in>');
  // From stdin, the natural place for the copy is stdout (a pipe); -o - asks for it explicitly.
  const output = o.output ? capturePath(ctx.cwd, o.output) : input === STDIO ? STDIO : defaultRedactedPath(input);
  if (output === STDIO && ctx.io.json)
    throw new UsageError('--json and -o - both want stdout', { hint: 'Name a file with -o, or drop --json.' });
  if (output === input && output !== STDIO)
    throw new UsageError('--output: the redacted copy cannot replace the input file.', {
      hint: 'Name a different file with -o.',
    });
  if (output !== STDIO && !o.force && (await exists(output))) {
    throw new UsageError(`--output: ${output} already exists.`, {
      hint: 'Pass --force to overwrite it, or name another file with -o.',
    });
  }
  await loadKnownSecrets(ctx);
  const result = await redactFile(input, output, {
    onWarning: (m) => ctx.io.warn(m),
    signal: ctx.signal,
    stdin: ctx.stdin,
    stdout: (chunk) => ctx.io.write(chunk),
  });
  if (ctx.signal.aborted) throw new CancelledError('Redaction cancelled; nothing was written.');
  const r = result.replaced;
  if (ctx.io.json)
    ctx.io.printJson({ input, output, records: result.records, skippedLines: result.skippedLines, replaced: r });
  else if (output !== STDIO) ctx.io.out(output);
  ctx.io.info(
    `capture redact: ${result.records} record(s) → ${output === STDIO ? 'stdout' : output} · e-mails ${r.email} · ` +
      `phones ${r.phone} · names ${r.name} · texts ${r.text}` +
      (result.skippedLines ? ` · skipped lines ${result.skippedLines}` : ''),
  );
  return EXIT.ok;
};

export default handler;
