/**
 * The steps of seed 002 that no API reaches: connecting channels, the e-mail to HelpDeskEddy
 * support (without it API replies never leave the HelpDeskEddy interface), the bot-side
 * visibility option, and the security checklist. The first two are notes to confirm; the last two
 * are advice (a choice on the bot's side, a checklist) that nothing could ever confirm.
 */
import type { HelpdeskeddyBotIntegration } from './schema.js';
import type { Lang } from '../../core/localized.js';
import type { Resource, ResourceContext } from '../../model/resource.js';
import type { ManualStep } from '../../core/manual-step.js';
import { MENU, say } from '../../helpdesks/helpdeskeddy/ui.js';

type DescribeContext = Pick<ResourceContext, 'config' | 'integration' | 'lang'>;

function note(
  id: string,
  title: ManualStep['title'],
  describe: (rc: DescribeContext) => ManualStep,
  mode: 'manual' | 'advice' = 'manual',
): Resource {
  return { id, kind: 'helpdeskeddy.note', title, mode, describe };
}

export function channelsResource(): Resource {
  const title = { ru: 'Каналы связи', en: 'Communication channels' };
  return note('channels', title, () => ({
    id: 'channels',
    title,
    path: MENU.channels,
    instructions: [
      {
        text: say((r, e) => ({
          ru: `Нажмите кнопку ${r.addChannel} и выберите каналы, которые желаете подключить.`,
          en: `Click ${e.addChannel} and choose the channels you want to connect.`,
        })),
      },
    ],
    why: {
      ru:
        'Обращения из подключённых каналов становятся заявками и запускают правило диспетчера, а ответы бота ' +
        'уходят клиентам через эти каналы.',
      en:
        "Messages from the connected channels become tickets and fire the dispatcher rule; the bot's replies reach " +
        'customers through these channels.',
    },
    spec: { kind: 'note', topic: 'helpdeskeddy.channels' },
  }));
}

/** The account's address as support knows it: `acme.helpdeskeddy.com`. */
function systemAddress(rc: DescribeContext): string {
  const url = rc.config.helpdeskeddy?.url;
  return url ? new URL(url).host : '<your-account>.helpdeskeddy.com';
}

function letter(host: string, lang: Lang): string {
  return lang === 'ru'
    ? `Здравствуйте!\n\nАдрес нашей системы: ${host}.\nПросим сделать так, чтобы сообщения, отправляемые в HelpDesk ` +
        `через API, появлялись не только в интерфейсе HelpDesk, но и в соответствующем канале связи.\n\nСпасибо!`
    : `Hello,\n\nOur system address is ${host}.\nPlease make messages sent to HelpDesk through the API appear not ` +
        `only in the HelpDesk interface but also in the corresponding communication channel.\n\nThank you.`;
}

export function supportRequestResource(): Resource {
  const title = { ru: 'Письмо в техподдержку HelpDeskEddy', en: 'E-mail to HelpDeskEddy technical support' };
  return note('support-request', title, (rc) => {
    const host = systemAddress(rc);
    return {
      id: 'support-request',
      title,
      instructions: [
        {
          text: {
            ru:
              'Напишите в техническую поддержку HelpDeskEddy (контакт поддержки указан в вашем аккаунте ' +
              'HelpDeskEddy)',
            en: 'Write to HelpDeskEddy technical support (use the support contact shown in your HelpDeskEddy account)',
          },
        },
        {
          // One sentence, one bullet: the address goes in the middle, where the sentence names it.
          text: {
            ru:
              `Укажите в письме адрес вашей системы (${host}) и попросите, чтобы сообщения, отправляемые в ` +
              'HelpDesk через API, появлялись не только в интерфейсе HelpDesk, но и в соответствующем канале связи.',
            en:
              `Give your system address (${host}) in the e-mail and ask that messages sent to HelpDesk through the ` +
              'API appear not only in the HelpDesk interface but also in the corresponding communication channel.',
          },
        },
        { text: { ru: 'Текст письма:', en: 'The e-mail:' }, block: letter(host, rc.lang) },
      ],
      why: {
        ru:
          'Внимание: если не написать в техподдержку, то ответы бота будут появляться в интерфейсе HelpDeskEddy, ' +
          'но не будут отправляться в каналы связи. Эта функция в HelpDeskEddy по умолчанию отключена.',
        en:
          "Without this request the bot's replies appear in the HelpDeskEddy interface but are never sent to the " +
          'communication channels: HelpDeskEddy has this off by default.',
      },
      spec: { kind: 'note', topic: 'helpdeskeddy.support-request' },
    };
  });
}

export function dialogsVisibilityResource(): Resource {
  const title = { ru: 'Доступ к диалогам интеграции', en: 'Who sees the integration dialogues' };
  return note(
    'dialogs-visibility',
    title,
    () => ({
      id: 'dialogs-visibility',
      title,
      path: { ru: 'настройки интеграции на стороне бота', en: "the bot platform's integration settings" },
      instructions: [
        {
          text: say((r, e) => ({
            ru: `Решите, включать ли опцию ${r.dialogsVisible}:`,
            en: `Decide whether to turn on ${e.dialogsVisible}:`,
          })),
        },
        {
          text: {
            ru:
              'включена — все пользователи вашей Организации смогут видеть диалоги клиентов в рамках данной ' +
              'интеграции',
            en:
              "on: every user of your organisation on the bot platform sees the customers' dialogues of this " +
              'integration',
          },
          depth: 1,
        },
        {
          text: {
            ru: 'выключена — диалоги будут доступны только администраторам и пользователям с соответствующими правами',
            en: 'off: only administrators and users with the matching rights see them',
          },
          depth: 1,
        },
      ],
      why: {
        ru: 'В диалогах — переписка клиентов; доступ к ней стоит давать осознанно.',
        en: "The dialogues hold customers' messages; grant access to them on purpose.",
      },
      spec: { kind: 'note', topic: 'helpdeskeddy.dialogs-visibility' },
    }),
    'advice',
  );
}

export function securityResource(it: HelpdeskeddyBotIntegration): Resource {
  const title = { ru: 'Безопасность', en: 'Security' };
  return note(
    'security',
    title,
    () => {
      return {
        id: 'security',
        title,
        instructions: [
          {
            text: {
              ru:
                'Храните токены в безопасном месте и не публикуйте их: API ключ и токен бота — только в .env рядом с ' +
                'конфигом (права 0600, не в git) или в секретах CI',
              en:
                'Keep tokens safe and never publish them: the API key and the bot token live only in .env beside the ' +
                'config (mode 0600, not in git) or in CI secrets',
            },
          },
          {
            text: {
              ru: 'Если токен мог утечь, замените его и заново вставьте URL в правило диспетчера',
              en: 'If a token may have leaked, replace it and paste the new URL into the dispatcher rule',
            },
            value: `omnibot token rotate --name ${it.name}`,
          },
          {
            text: {
              ru: 'Ограничивайте доступ к настройкам интеграций только доверенным администраторам',
              en: 'Let only trusted administrators change integration settings',
            },
          },
          {
            text: {
              ru: `Периодически ревизируйте включенные события вебхуков (${MENU.dispatcher.ru})`,
              en: `Review the enabled webhook events from time to time (${MENU.dispatcher.en})`,
            },
          },
        ],
        why: {
          ru: 'Токен в URL вебхука — единственное, что отличает запрос вашего HelpDeskEddy от чужого.',
          en: "The token in the webhook URL is all that tells your HelpDeskEddy's requests from anyone else's.",
        },
        spec: { kind: 'note', topic: 'helpdeskeddy.security' },
      };
    },
    'advice',
  );
}
