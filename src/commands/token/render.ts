/**
 * What `token generate|rotate` tells people, on stderr: the token itself is data and reaches
 * stdout only with --print, through the one write that skips redaction on purpose.
 */
import type { Io } from '../../io/io.js';
import type { TokenResult } from './run.js';

export function renderToken(result: TokenResult, io: Io): void {
  const verb = result.action === 'generated' ? 'Generated' : 'Rotated';
  io.info(`${verb} the bot token of "${result.integration}": ${result.envVar} in ${result.envFile} (mode 0600), fingerprint ${result.fingerprint}.`);
  if (result.previousFingerprint) io.info(`The old token (${result.previousFingerprint}) is retired; its fingerprint stays in .omnibot/state.json.`);
  for (const w of result.warnings) io.warn(w);
  if (result.redo) {
    const step = result.redo.step ? `step ${result.redo.step}` : `the "${result.redo.resource}" step`;
    io.info(`Redo ${step} of \`${result.redo.command}\`: the dispatcher rule's webhook URL contains the token; paste the new URL there.`);
    io.info('Restart the bot with the new token too, or it will refuse the new URL.');
  }
  if (!result.token) io.info('The token is not printed; use --print to see it.');
}

/** Writes the token (or the JSON that holds it) bypassing redaction: the user asked for it. */
export function printUnredacted(io: Io, text: string): void {
  io.streams.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}
