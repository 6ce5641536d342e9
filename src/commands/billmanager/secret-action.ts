/** Handlers of `billmanager secret generate|rotate`: parse the flags, run, print. */
import { z } from 'zod';
import type { Context } from '../../context.js';
import type { Handler } from '../lazy-action.js';
import { parseOptions } from '../parse-options.js';
import { printUnredacted } from '../token/render.js';
import { runSecret, type SecretResult } from './secret-run.js';

const optionsSchema = z.object({
  name: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$/, 'must be an integration name (letters, digits, "-", "_")')
    .optional(),
  envVar: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name, e.g. BILLMANAGER_SECRET')
    .optional(),
  print: z.boolean().optional(),
});

function render(result: SecretResult, ctx: Context): void {
  const io = ctx.io;
  const verb = result.action === 'generated' ? 'Generated' : 'Rotated';
  io.info(`${verb} the BILLmanager secret of "${result.integration}": ${result.envVar} in ${result.envFile} (mode 0600), fingerprint ${result.fingerprint}.`);
  if (result.previousFingerprint) io.info(`The old secret (${result.previousFingerprint}) is retired; its fingerprint stays in .omnibot/state.json.`);
  for (const w of result.warnings) io.warn(w);
  for (const r of result.redo ?? []) {
    const what = r.resource === 'custom-channel' ? 'the channel’s Webhook URL ends with it' : 'BILLmanager’s secret_key must equal it';
    io.info(`Redo ${r.step ? `step ${r.step}` : `the "${r.resource}" step`} of \`${result.command}\`: ${what}.`);
  }
  if (!result.secret) io.info('The secret is not printed; use --print to see it.');
}

async function handle(mode: 'generate' | 'rotate', opts: Record<string, unknown>, ctx: Context): Promise<number> {
  const result = await runSecret(mode, parseOptions(optionsSchema, opts), ctx);
  if (ctx.io.json) {
    // Only --print puts the secret on stdout, through the one write that skips redaction.
    if (result.secret) printUnredacted(ctx.io, JSON.stringify(result, null, 2));
    else ctx.io.printJson(result);
    for (const w of result.warnings) ctx.io.warn(w);
    return 0;
  }
  render(result, ctx);
  if (result.secret) printUnredacted(ctx.io, result.secret);
  return 0;
}

export const generate: Handler = ({ opts }, ctx) => handle('generate', opts, ctx);
export const rotate: Handler = ({ opts }, ctx) => handle('rotate', opts, ctx);
