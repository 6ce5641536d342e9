/**
 * `omnidesk-custom-channel` (seed 001): the channel's title, the URL Omnidesk sends staff
 * replies to, and its type: async (like e-mail) or sync (like a chat).
 */
import type { Prompter } from '../../core/io/prompter.js';
import { checkFlag, checkRequired, nameFromLabel } from '../../kit/answer-checks.js';
import { askWebhookUrl } from '../omnidesk-bot/init.js';
import type { InitAnswers, InitContext } from '../../kit/integration.js';

type ChannelType = 'async' | 'sync';

async function askTitle(p: Prompter, flag: string | undefined): Promise<string> {
  if (flag !== undefined) return checkFlag('--title', flag, checkRequired);
  return (
    await p.input({
      message: 'Channel title, as Omnidesk shows it (Каналы → Кастомные каналы):',
      flag: '--title',
      validate: checkRequired,
    })
  ).trim();
}

async function askType(p: Prompter, flag: ChannelType | undefined): Promise<ChannelType> {
  if (flag !== undefined) return flag;
  // async is the config's default, so a script need not pass --type.
  if (!p.interactive) return 'async';
  return p.select<ChannelType>({
    message: 'Channel type',
    flag: '--type',
    default: 'async',
    choices: [
      { name: 'async: like e-mail (replies may come much later)', value: 'async' },
      { name: 'sync: like a chat (the customer waits for the answer)', value: 'sync' },
    ],
  });
}

export async function ask({ p, flag }: InitContext<'omnidesk'>): Promise<InitAnswers> {
  const title = await askTitle(p, flag('title'));
  const webhookUrl = await askWebhookUrl(
    p,
    flag('webhookUrl'),
    "The channel's Webhook URL (Omnidesk sends staff replies to it):",
  );
  // init's option schema already holds --type to its choices; anything else is "not given".
  const given = flag('type');
  const type = await askType(p, given === 'async' || given === 'sync' ? given : undefined);
  return {
    integration: { title, webhookUrl, type },
    defaultName: nameFromLabel(title, 'channel'),
    summary: { title, type },
    next: (name) => [
      [`omnibot steps --integration ${name}`, 'create the channel in Каналы → Кастомные каналы'],
      ['omnibot plan', 'whether the channel exists with this URL and type'],
      ['omnibot verify --e2e', 'a case through the channel and a staff reply back to the Webhook URL'],
    ],
  };
}
