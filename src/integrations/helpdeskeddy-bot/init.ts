/**
 * `helpdeskeddy-bot`: an optional hand-off agent from the account's staff, and the
 * bot's webhook URL, which carries the bot token as `${HDE_BOT_TOKEN}` (the prescribed form is
 * https://<bot host>/api/bots/helpdeskeddy_bot/webhook/<token>). The token itself is made by
 * `omnibot token generate`'s code once the config exists (see src/commands/init/secrets.ts).
 */
import { t, type Lang } from '../../core/localized.js';
import { UsageError } from '../../core/errors.js';
import type { HdeUser } from '../../helpdesks/helpdeskeddy/client/types.js';
import type { Prompter } from '../../core/io/prompter.js';
import { HDE_BOT_TOKEN_VAR } from './secret.js';
import { checkFlag, checkWebhookWith } from '../../kit/answer-checks.js';
import type { InitAnswers, InitContext } from '../../kit/integration.js';

const TOKEN_REF = `\${${HDE_BOT_TOKEN_VAR}}`;
const EXAMPLE = `https://bot.example.com/api/bots/helpdeskeddy_bot/webhook/${TOKEN_REF}`;
const checkUrl = checkWebhookWith([HDE_BOT_TOKEN_VAR]);
const NOBODY = '';

function fullName(u: HdeUser): string {
  return [u.name, u.lastname].filter(Boolean).join(' ') || u.email;
}

function findAgent(ref: string, staff: HdeUser[]): HdeUser | undefined {
  const wanted = ref.trim().toLowerCase();
  return staff.find((u) => u.id === wanted || u.email.toLowerCase() === wanted);
}

async function askAgent(
  p: Prompter,
  flag: string | undefined,
  staff: HdeUser[],
  lang: Lang,
): Promise<string | undefined> {
  if (flag !== undefined) {
    const agent = findAgent(flag, staff);
    if (!agent) {
      const known = staff.map((u) => u.email).join(', ') || 'none';
      throw new UsageError(`--agent: no staff user "${flag}" in this HelpDeskEddy account (staff: ${known}).`, {
        details: { flag: '--agent' },
      });
    }
    return agent.email || agent.id;
  }
  // Optional: without a terminal the bot simply hands off to nobody in particular.
  if (!p.interactive) return undefined;
  const picked = await p.select<string>({
    message: t(
      {
        ru: 'Оператор: на кого назначается заявка, когда бот передаёт её человеку',
        en: 'Agent: the staff member a ticket is assigned to when the bot hands it off',
      },
      lang,
    ),
    flag: '--agent',
    choices: [
      ...staff.map((u) => ({ name: `${fullName(u)} <${u.email}>`, value: u.email || u.id })),
      {
        name: t({ ru: 'Никто: не назначать переданные заявки', en: 'Nobody: leave hand-offs unassigned' }, lang),
        value: NOBODY,
      },
    ],
  });
  return picked === NOBODY ? undefined : picked;
}

async function askWebhookUrl(p: Prompter, flag: string | undefined, lang: Lang): Promise<string> {
  if (flag !== undefined) return checkFlag('--webhook-url', flag, checkUrl);
  const message = t(
    {
      ru: `Адрес вебхука бота; на месте токена напишите ${TOKEN_REF} (например, ${EXAMPLE}):`,
      en: `The bot's webhook URL; write ${TOKEN_REF} where the token goes (e.g. ${EXAMPLE}):`,
    },
    lang,
  );
  return (await p.input({ message, flag: '--webhook-url', validate: checkUrl })).trim();
}

export async function ask({ p, io, flag, live, lang }: InitContext<'helpdeskeddy'>): Promise<InitAnswers> {
  const ru = lang === 'ru';
  const agent = await askAgent(p, flag('agent'), live.staff, lang);
  const webhookUrl = await askWebhookUrl(p, flag('webhookUrl'), lang);
  if (!webhookUrl.includes(TOKEN_REF)) {
    io.warn(
      `The webhook URL does not contain ${TOKEN_REF}: HelpDeskEddy's requests will not carry the token the bot checks.`,
    );
  }
  return {
    integration: { token: TOKEN_REF, webhookUrl, ...(agent ? { agent } : {}) },
    defaultName: 'hde',
    secret: { envVar: HDE_BOT_TOKEN_VAR, what: ru ? 'новый токен бота' : 'a new bot token' },
    summary: { agent: agent ?? null },
    next: (name) => [
      ['omnibot plan', ru ? 'что уже есть и чего не хватает' : 'what exists and what is missing'],
      [
        'omnibot apply',
        ru
          ? 'правило диспетчера и другие ручные шаги, по одному'
          : 'the dispatcher rule and the other manual steps, one at a time',
      ],
      [
        `omnibot steps --integration ${name}`,
        ru ? 'ручные шаги: выполнить или передать коллеге' : 'the manual steps, to follow or to share',
      ],
      [
        'omnibot verify',
        ru ? 'ключ и адрес бота; --e2e — настоящий круг' : 'the key, the bot endpoint; --e2e for a real round trip',
      ],
    ],
  };
}
