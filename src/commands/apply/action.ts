import { z } from 'zod';
import { apply, type StepAnswer } from '../../engine/apply.js';
import { EXIT, UsageError } from '../../core/errors.js';
import { renderStepText } from '../../steps/render-text.js';
import type { Handler } from '../lazy-action.js';
import { parseOptions } from '../../kit/parse-options.js';
import { renderApply } from './render.js';
import { redact } from '../../core/io/secrets.js';
import type { Context } from '../../kit/context.js';

const optionsSchema = z.object({
  dryRun: z.boolean().optional(),
  yes: z.boolean().optional(),
  integration: z.string().min(1).optional(),
  lang: z.enum(['ru', 'en']).default('ru'),
  showSecrets: z.boolean().optional(),
});

/**
 * A walk-through step on stderr, its tokens masked. Where the step holds one (a webhook URL to
 * paste), the person may see it whole: with --show-secrets, or after saying yes when asked.
 */
async function showStep(ctx: Context, text: string, options: { lang: 'ru' | 'en'; showSecrets?: boolean }) {
  ctx.io.err(text);
  const secretLines = text.split('\n').filter((line) => redact(line) !== line);
  if (!secretLines.length) return;
  const reveal =
    options.showSecrets ||
    (await ctx.prompter.confirm({
      message:
        options.lang === 'ru'
          ? 'В шаге есть ссылка с токеном (на экране ***). Показать её целиком, чтобы вставить?'
          : 'This step has a URL with a token (shown as ***). Show it whole, to paste it?',
      flag: '--show-secrets',
      default: false,
    }));
  if (!reveal) return;
  ctx.io.warn(options.lang === 'ru' ? 'ниже — токен; не показывайте этот экран' : 'a token follows; do not share it');
  for (const line of secretLines) ctx.io.errUnredacted(line.trim());
}

const handler: Handler = async ({ opts }, ctx) => {
  const options = parseOptions(optionsSchema, opts);
  const loaded = await ctx.loadConfig();
  const config = loaded.config!;
  // Walking through steps needs a person; --yes, --json and --dry-run all mean "do not ask".
  const ask = ctx.prompter.interactive && !options.yes && !ctx.io.json && !options.dryRun;
  const ectx = {
    io: ctx.io,
    signal: ctx.signal,
    stateFile: loaded.stateFile,
    integration: options.integration,
    lang: options.lang,
    ignoreBan: ctx.flags.ignoreBan,
    registry: ctx.registry,
  };
  // Nobody to ask and no --yes: show what would change and change nothing (consent first).
  if (!ask && !options.yes && !options.dryRun) {
    const preview = await apply(config, ectx, { dryRun: true });
    const changes = preview.resources.filter((r) => r.action === 'would-create' || r.action === 'would-sandbox');
    if (changes.length) {
      if (ctx.io.json) ctx.io.printJson(preview);
      else renderApply(preview, ctx.io, options.lang, new Set());
      throw new UsageError(
        `apply would change the helpdesk (${changes.map((c) => `${c.integration}/${c.resource}`).join(', ')}) and ` +
          `nobody was asked`,
        {
          hint:
            'Run it again with --yes to make these changes, or at a terminal to be asked first. Nothing was ' +
            'changed.',
        },
      );
    }
  }
  const shown = new Set<string>();
  const result = await apply(config, ectx, {
    dryRun: options.dryRun,
    confirmCreate: ask
      ? (items) =>
          ctx.prompter.confirm({
            message: `${options.lang === 'ru' ? 'Создать через API' : 'Create through the API'}: ${items
              .map((i) => `${i.integration}/${i.resource}`)
              .join(', ')}?`,
            flag: '--yes',
            default: true,
          })
      : undefined,
    presentStep: ask
      ? async (step, _item, at): Promise<StepAnswer> => {
          shown.add(`${step.integration}/${step.id}`);
          // The walk-through is talk with the person at the terminal: stderr, so stdout keeps only the
          // result (`apply > out.txt` and `apply --json` still work), and not silenced by --quiet.
          const place = options.lang === 'ru' ? `Шаг ${at.n} из ${at.of}` : `Step ${at.n} of ${at.of}`;
          ctx.io.err('');
          ctx.io.err(ctx.io.ce.bold(`${place} · ${step.integration}`));
          await showStep(ctx, renderStepText(step, options.lang), options);
          ctx.io.err('');
          return ctx.prompter.select<StepAnswer>({
            message: options.lang === 'ru' ? 'Шаг выполнен?' : 'Is the step done?',
            flag: '--yes',
            choices: [
              { name: options.lang === 'ru' ? 'Да, выполнен' : 'Yes, done', value: 'done' },
              {
                name: options.lang === 'ru' ? 'Пока нет (оставить на потом)' : 'Not yet (leave it pending)',
                value: 'skip',
              },
              { name: options.lang === 'ru' ? 'Остановиться' : 'Stop here', value: 'stop' },
            ],
          });
        }
      : undefined,
  });
  if (ctx.io.json) ctx.io.printJson(result);
  else renderApply(result, ctx.io, options.lang, shown, options.showSecrets);
  if (options.showSecrets && !ctx.io.json) ctx.io.warn('--show-secrets: the output contains tokens; do not share it.');
  return result.summary.unknown > 0 ? EXIT.failed : EXIT.ok;
};

export default handler;
