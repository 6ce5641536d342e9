/**
 * The resources of `billmanager`: Omnidesk-side steps first (API key, channel, integration
 * staff, data fields), then BILLmanager-side ones, in the seed's order.
 */
import type { BillmanagerIntegration } from './schema.js';
import type { Config } from '../../model/config.js';
import type { Resource } from '../../model/resource.js';
import type { Instruction } from '../../core/manual-step.js';
import { channelResource } from '../omnidesk-custom-channel/channel-resource.js';
import { billmanagerSideResources } from './billmanager-side.js';
import { dataFieldResources } from './data-fields.js';
import { apiKeyResource, staffResource } from './integration-staff.js';
import { SEED_URL_FORMAT, billmanagerChannelTarget } from './webhook.js';

/** The URL line of the channel step: the seed's format, then the URL (the secret shows as ***). */
function urlInstructions(it: BillmanagerIntegration): Instruction[] {
  return [
    {
      text: {
        ru: 'В качестве Webhook укажите URL в формате https://URL/mancgi/omnidesk_webhook?{secret_key}, здесь secret_key — значение, совпадающее с соответствующим полем в настройках BILLmanager',
        en:
          `As the Webhook, enter the URL in the format ${SEED_URL_FORMAT}, where secret_key equals the matching ` +
          `field of BILLmanager's module settings`,
      },
      value: billmanagerChannelTarget(it).webhookUrl,
    },
    {
      text: {
        ru:
          'omnibot не печатает секрет: вместо *** вставьте значение переменной окружения, на которую ссылается ' +
          'secret в конфиге (например, BILLMANAGER_SECRET; создать его: omnibot billmanager secret generate).',
        en:
          'omnibot never prints the secret: replace *** with the value of the environment variable the config’s ' +
          'secret refers to (e.g. BILLMANAGER_SECRET; make one with omnibot billmanager secret generate).',
      },
    },
  ];
}

export function billmanagerResources(it: BillmanagerIntegration, config: Config): Resource[] {
  return [
    apiKeyResource(it),
    channelResource({
      target: billmanagerChannelTarget(it),
      title: {
        ru: `Омнидеск: кастомный канал «${it.channelTitle}» для BILLmanager`,
        en: `Omnidesk: custom channel «${it.channelTitle}» for BILLmanager`,
      },
      urlInstructions: urlInstructions(it),
      why: {
        ru:
          'Через этот Webhook BILLmanager в режиме реального времени получает ответы сотрудников Омнидеска; без ' +
          'верного секрета CGI их не примет.',
        en:
          'Through this Webhook BILLmanager receives Omnidesk staff replies in real time; without the right secret ' +
          'its CGI refuses them.',
      },
    }),
    staffResource(it),
    ...dataFieldResources(it),
    ...billmanagerSideResources(it, config),
  ];
}

/** The recipe module `index.ts` loads on use. */
export function resources(it: BillmanagerIntegration, config: Config): Resource[] {
  return billmanagerResources(it, config);
}
