/**
 * The `custom-channel` resource, shared by the custom-channel and BILLmanager recipes: a
 * manual step in seed 001's words, checked through `GET /api/custom_channels.json`. Its
 * `cch<N>` code (channel_api_key) is what cases and users of the channel are created with,
 * and no config can know it before the channel exists: the read returns it as the resource's
 * id, which apply records in the state file.
 */
import type { Localized } from '../../core/localized.js';
import type { ReadResult, Resource, ResourceContext } from '../../model/resource.js';
import type { Instruction, ManualStep } from '../../core/manual-step.js';
import type { OmnideskCustomChannelSpec } from '../../helpdesks/omnidesk/specs.js';
import { channelFacts, matchChannel, type ChannelTarget } from './channel-match.js';

export const CHANNEL_RESOURCE_ID = 'custom-channel';

/** Seed 001: «аккаунт администратора — раздел «Каналы» — подраздел «Кастомные каналы»». */
export const CUSTOM_CHANNELS_PATH: Localized = {
  ru: 'аккаунт администратора — раздел «Каналы» — подраздел «Кастомные каналы»',
  en: 'admin account — section "Channels" («Каналы») — subsection "Custom channels" («Кастомные каналы»)',
};

/** Seed 001: «по типу почты (асинхронный) или в режиме реального времени (синхронный)». */
export const CHANNEL_TYPE_CHOICE: Record<'async' | 'sync', Localized> = {
  async: { ru: 'по типу почты (асинхронный)', en: 'like e-mail, asynchronous («по типу почты (асинхронный)»)' },
  sync: {
    ru: 'в режиме реального времени (синхронный)',
    en: 'in real time like a chat, synchronous («в режиме реального времени (синхронный)»)',
  },
};

export interface ChannelResourceOptions {
  target: ChannelTarget;
  title: Localized;
  /** The Webhook URL line(s); the default prints the URL to paste. */
  urlInstructions?: Instruction[];
  why?: Localized;
}

export function channelSpec(target: ChannelTarget): OmnideskCustomChannelSpec {
  return {
    kind: 'omnidesk.custom-channel',
    title: target.title,
    webhookUrl: target.webhookUrl,
    channelType: target.channelType,
  };
}

export function channelStep(options: ChannelResourceOptions): ManualStep {
  const { target } = options;
  const type = CHANNEL_TYPE_CHOICE[target.channelType];
  const instructions: Instruction[] = [
    { text: { ru: 'Добавьте кастомный канал с названием', en: 'Add a custom channel titled' }, value: target.title },
    ...(options.urlInstructions ?? [
      {
        text: {
          ru: 'Webhook URL — адрес, на который Omnidesk отправляет все ответы сотрудников',
          en: '«Webhook URL» — the address Omnidesk sends every staff reply to',
        },
        value: target.webhookUrl,
      },
    ]),
    { text: { ru: `Тип канала — ${type.ru}`, en: `«Тип канала» (channel type) — ${type.en}` } },
    {
      text: {
        ru:
          'Сохраните канал. При создании Омнидеск добавляет его в правила, статистику, права доступа сотрудников и ' +
          'интерфейс аккаунта сотрудника.',
        en:
          'Save the channel. Omnidesk then adds it to rules, statistics, staff access rights and the staff ' +
          'interface.',
      },
    },
    {
      text: {
        ru:
          'После сохранения `omnibot apply` прочитает код канала (cch<N>) через API и запишет его в ' +
          '.omnibot/state.json.',
        en:
          'Once saved, `omnibot apply` reads the channel code (cch<N>) through the API and records it in ' +
          '.omnibot/state.json.',
      },
    },
  ];
  return {
    id: CHANNEL_RESOURCE_ID,
    title: options.title,
    path: CUSTOM_CHANNELS_PATH,
    instructions,
    why: options.why ?? {
      ru:
        'Ответы сотрудников Омнидеск отправляет только на Webhook URL канала: с неверным адресом или типом клиент ' +
        'не увидит ответов, и никто об этом не узнает.',
      en:
        'Omnidesk sends staff replies only to the channel’s Webhook URL: with a wrong address or type the customer ' +
        'never sees a reply, and nobody notices.',
    },
    spec: channelSpec(target),
  };
}

export async function readChannel(rc: ResourceContext, target: ChannelTarget): Promise<ReadResult> {
  const api = await rc.clients.get('omnidesk');
  const match = matchChannel(await api.listCustomChannels(), target);
  if (!match.channel) return { status: 'manual', detail: match.differences[0]!.detail };
  const { channel } = match;
  const actual = channelFacts(channel, target);
  const dup = match.duplicates ? ` (${match.duplicates} more with the same title)` : '';
  if (match.differences.length) {
    return {
      status: 'manual',
      id: channel.channel_api_key,
      actual,
      detail: `${channel.channel_api_key}: ${match.differences.map((d) => d.detail).join('; ')}${dup}`,
    };
  }
  return {
    status: 'ok',
    id: channel.channel_api_key,
    actual,
    detail: `${channel.channel_api_key} «${channel.title}», ${channel.channel_type}, active${dup}`,
  };
}

export function channelResource(options: ChannelResourceOptions): Resource {
  return {
    id: CHANNEL_RESOURCE_ID,
    kind: 'omnidesk.custom-channel',
    title: options.title,
    mode: 'manual',
    read: (rc) => readChannel(rc, options.target),
    describe: () => channelStep(options),
  };
}
