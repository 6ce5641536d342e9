/**
 * Recipe `omnidesk-custom-channel` (seed 001): a custom channel whose staff replies Omnidesk
 * POSTs to the integration's Webhook URL as `message_new`. Creating the channel has no API,
 * so the recipe is one manual step that plan and verify read back.
 */
import type { CustomChannelIntegration, Integration } from '../../config/schema.js';
import type { Recipe, Resource } from '../../model/resource.js';
import type { ChannelTarget } from './channel-match.js';
import { channelResource } from './channel-resource.js';

export const SEED = '001_98ab9433b15c2ae1.txt';

export function channelTarget(it: CustomChannelIntegration): ChannelTarget {
  return { title: it.title, webhookUrl: it.webhookUrl, channelType: it.type };
}

export function customChannelResources(it: CustomChannelIntegration): Resource[] {
  return [
    channelResource({
      target: channelTarget(it),
      title: { ru: `Кастомный канал «${it.title}»`, en: `Custom channel «${it.title}»` },
    }),
  ];
}

export const recipe: Recipe = {
  name: 'omnidesk-custom-channel',
  helpdesk: 'omnidesk',
  title: { ru: 'Кастомный канал связи', en: 'Custom channel' },
  seed: SEED,
  sampleEvents: ['omnidesk.message_new'],
  resources(integration: Integration) {
    if (integration.recipe !== 'omnidesk-custom-channel') throw new TypeError(`not a custom-channel integration: ${integration.recipe}`);
    return customChannelResources(integration);
  },
};
