/**
 * The one resource of `omnidesk-custom-channel`: the channel, a manual step (creating it has no
 * API) that plan and verify read back.
 */
import type { CustomChannelIntegration } from './schema.js';
import type { Resource } from '../../model/resource.js';
import type { ChannelTarget } from './channel-match.js';
import { channelResource } from './channel-resource.js';

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

/** The recipe module `index.ts` loads on use. */
export function resources(it: CustomChannelIntegration): Resource[] {
  return customChannelResources(it);
}
