/**
 * `omnidesk-custom-channel`: the channel's title, the URL Omnidesk sends staff
 * replies to, and its type: async (like e-mail) or sync (like a chat).
 */
import { t, type Lang } from '../../core/localized.js';
import type { Prompter } from '../../core/io/prompter.js';
import { checkFlag, checkRequired, nameFromLabel } from '../../kit/answer-checks.js';
import { askWebhookUrl } from '../omnidesk-bot/init.js';
import type { InitAnswers, InitContext } from '../../kit/integration.js';

type ChannelType = 'async' | 'sync';

async function askTitle(p: Prompter, flag: string | undefined, lang: Lang): Promise<string> {
  if (flag !== undefined) return checkFlag('--title', flag, checkRequired);
  return (
    await p.input({
      message: t(
        {
          ru: 'Название канала, как его показывает Omnidesk (Каналы → Кастомные каналы):',
          en: 'Channel title, as Omnidesk shows it (Каналы → Кастомные каналы):',
        },
        lang,
      ),
      flag: '--title',
      validate: checkRequired,
    })
  ).trim();
}

async function askType(p: Prompter, flag: ChannelType | undefined, lang: Lang): Promise<ChannelType> {
  if (flag !== undefined) return flag;
  // async is the config's default, so a script need not pass --type.
  if (!p.interactive) return 'async';
  return p.select<ChannelType>({
    message: t({ ru: 'Тип канала', en: 'Channel type' }, lang),
    flag: '--type',
    default: 'async',
    choices: [
      {
        name: t(
          {
            ru: 'async: как почта (ответ может прийти намного позже)',
            en: 'async: like e-mail (replies may come much later)',
          },
          lang,
        ),
        value: 'async',
      },
      {
        name: t(
          { ru: 'sync: как чат (клиент ждёт ответа)', en: 'sync: like a chat (the customer waits for the answer)' },
          lang,
        ),
        value: 'sync',
      },
    ],
  });
}

export async function ask({ p, flag, lang }: InitContext<'omnidesk'>): Promise<InitAnswers> {
  const ru = lang === 'ru';
  const title = await askTitle(p, flag('title'), lang);
  const webhookUrl = await askWebhookUrl(
    p,
    flag('webhookUrl'),
    ru
      ? 'Webhook URL канала (Omnidesk шлёт на него ответы сотрудников):'
      : "The channel's Webhook URL (Omnidesk sends staff replies to it):",
  );
  // init's option schema already holds --type to its choices; anything else is "not given".
  const given = flag('type');
  const type = await askType(p, given === 'async' || given === 'sync' ? given : undefined, lang);
  return {
    integration: { title, webhookUrl, type },
    defaultName: nameFromLabel(title, 'channel'),
    summary: { title, type },
    next: (name) => [
      [
        `omnibot steps --integration ${name}`,
        ru ? 'создать канал в Каналы → Кастомные каналы' : 'create the channel in Каналы → Кастомные каналы',
      ],
      [
        'omnibot plan',
        ru ? 'есть ли канал с этим адресом и типом' : 'whether the channel exists with this URL and type',
      ],
      [
        'omnibot verify --e2e',
        ru
          ? 'обращение через канал и ответ сотрудника на Webhook URL'
          : 'a case through the channel and a staff reply back to the Webhook URL',
      ],
    ],
  };
}
