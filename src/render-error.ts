/**
 * The one renderer of errors: typed errors become a one-line cause plus a hint and their exit
 * code; anything else is an internal error with a request to report it. Never a raw stack
 * trace unless --verbose asks for it.
 */
import { textOf } from './core/text.js';
import { CancelledError, EXIT, isOmnibotError, isPromptCancellation, type OmnibotError } from './core/errors.js';
import { redact } from './core/io/secrets.js';

interface Flags {
  json?: boolean;
  verbose?: boolean;
  color?: boolean;
}

function causeText(err: unknown): string | undefined {
  const cause = (err as { cause?: unknown })?.cause;
  if (!cause) return undefined;
  if (cause instanceof Error) {
    const code = (cause as { code?: string }).code;
    return code && !cause.message.includes(code) ? `${cause.message} (${code})` : cause.message;
  }
  return textOf(cause);
}

export function renderError(err: unknown, flags: Flags, stderr: { write(s: string): unknown }): number {
  let known: OmnibotError | undefined;
  if (isOmnibotError(err)) known = err;
  else if (isPromptCancellation(err)) known = new CancelledError();

  if (!known) {
    const e = err as Error;
    stderr.write(redact(`omnibot: internal error: ${e?.message ?? String(err)}\n`));
    stderr.write(redact(`This is a bug in omnibot; please report it with the command you ran.\n`));
    if (flags.verbose && e?.stack) stderr.write(redact(e.stack) + '\n');
    return EXIT.failed;
  }

  if (flags.json) {
    // stdout stays data-only even on failure: the error document goes to stderr.
    stderr.write(redact(JSON.stringify({ error: known.toJSON() })) + '\n');
    return known.exitCode;
  }
  const cause = causeText(known);
  let text = `error: ${known.message}\n`;
  if (cause && !known.message.includes(cause)) text += `  cause: ${cause}\n`;
  if (known.hint) text += `  hint: ${known.hint}\n`;
  if (flags.verbose && known.stack) text += `${known.stack}\n`;
  stderr.write(redact(text));
  return known.exitCode;
}
