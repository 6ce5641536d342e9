/**
 * What `token generate|rotate` tells people, on stderr: the secret itself is data and reaches
 * stdout only with --print, through the one write that skips redaction on purpose.
 */
import type { Io } from '../../core/io/io.js';
import type { TokenResult } from './run.js';
import type { SecretRecipe } from './secret-recipes.js';

export function renderToken(result: TokenResult, recipe: SecretRecipe, io: Io): void {
  const noun = recipe.field;
  const verb = result.action === 'generated' ? 'Generated' : 'Rotated';
  io.info(
    `${verb} the ${recipe.title} of "${result.integration}": ${result.envVar} in ${result.envFile} (mode 0600), ` +
      `fingerprint ${result.fingerprint}.`,
  );
  if (result.previousFingerprint)
    io.info(
      `The old ${noun} (${result.previousFingerprint}) is retired; its fingerprint stays in .omnibot/state.json.`,
    );
  for (const w of result.warnings) io.warn(w);
  for (const r of result.redo ?? []) {
    const why = recipe.redo.find((x) => x.resource === r.resource)?.why;
    io.info(`Redo ${r.step ? `step ${r.step}` : `the "${r.resource}" step`} of \`${result.command}\`: ${why}.`);
  }
  if (result.redo && recipe.afterRotate) io.info(recipe.afterRotate);
  if (!result[noun]) io.info(`The ${noun} is not printed; use --print to see it.`);
}

/** Writes the secret (or the JSON that holds it) bypassing redaction: the user asked for it. */
export function printUnredacted(io: Io, text: string): void {
  io.writeUnredacted(text.endsWith('\n') ? text : `${text}\n`);
}
