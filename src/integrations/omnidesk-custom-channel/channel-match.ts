/**
 * Finds a custom channel by title in `GET /api/custom_channels.json` and says how it differs
 * from what the config wants. Used by the resource (plan) and by the verify checks, so both
 * report the same difference in the same words. No API can create or edit a custom channel
 * (reference §2.7), so every difference is something a person fixes in the admin UI.
 */
import type { CustomChannel } from '../../helpdesks/omnidesk/client/types.js';

export interface ChannelTarget {
  title: string;
  webhookUrl: string;
  channelType: 'async' | 'sync';
  /** Turns a URL into what may be shown (BILLmanager's URL carries a secret). */
  mask?: (url: string) => string;
  /** Splits a URL difference into finer ones (BILLmanager: the address vs the secret). */
  compareUrl?: (actual: string, wanted: string) => ChannelDifference[];
}

export type DifferenceField = 'missing' | 'active' | 'webhook_url' | 'secret' | 'channel_type';

export interface ChannelDifference {
  field: DifferenceField;
  /** One line, safe to print. */
  detail: string;
}

export interface ChannelMatch {
  channel?: CustomChannel;
  /** Other channels with the same title: a person may be looking at the wrong one. */
  duplicates: number;
  differences: ChannelDifference[];
}

const TYPE_WORDS: Record<'async' | 'sync', string> = { async: 'async (like e-mail)', sync: 'sync (like a chat)' };

function sameTitle(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** An active channel wins over a disabled one (an old copy), then the exact title over a case-insensitive one. */
export function findChannel(channels: CustomChannel[], title: string): { channel?: CustomChannel; duplicates: number } {
  const same = channels.filter((c) => sameTitle(c.title, title));
  const ranked = [...same].sort((a, b) => rank(b, title) - rank(a, title));
  return { channel: ranked[0], duplicates: Math.max(0, same.length - 1) };
}

function rank(c: CustomChannel, title: string): number {
  return (c.active ? 2 : 0) + (c.title.trim() === title.trim() ? 1 : 0);
}

/** Trailing spaces come from copy-paste and Omnidesk stores what was typed. */
function normalizeUrl(url: string): string {
  return url.trim();
}

export function matchChannel(channels: CustomChannel[], target: ChannelTarget): ChannelMatch {
  const { channel, duplicates } = findChannel(channels, target.title);
  if (!channel) {
    const titles = channels.map((c) => `«${c.title}»`).join(', ');
    return {
      duplicates,
      differences: [
        {
          field: 'missing',
          detail:
            `no custom channel titled ` +
            `«${target.title}»${titles ? ` (found: ${titles})` : ' (the account has none)'}`,
        },
      ],
    };
  }
  const mask = target.mask ?? ((u: string) => u);
  const differences: ChannelDifference[] = [];
  if (!channel.active) differences.push({ field: 'active', detail: `the channel «${channel.title}» is disabled` });
  const actual = normalizeUrl(channel.webhook_url ?? '');
  const wanted = normalizeUrl(target.webhookUrl);
  if (actual !== wanted) {
    const finer = target.compareUrl?.(actual, wanted);
    if (finer && finer.length) differences.push(...finer);
    else
      differences.push({
        field: 'webhook_url',
        detail: `Webhook URL is ${actual ? mask(actual) : '(empty)'}, expected ${mask(wanted)}`,
      });
  }
  if (channel.channel_type !== target.channelType) {
    differences.push({
      field: 'channel_type',
      detail:
        `channel type is ${TYPE_WORDS[channel.channel_type] ?? String(channel.channel_type)}, expected ` +
        `${TYPE_WORDS[target.channelType]}`,
    });
  }
  return { channel, duplicates, differences };
}

/** What plan and --json may show of a channel: everything but a secret in its URL. */
export function channelFacts(channel: CustomChannel, target: ChannelTarget): Record<string, unknown> {
  const mask = target.mask ?? ((u: string) => u);
  return {
    channel_id: channel.channel_id,
    channel_api_key: channel.channel_api_key,
    title: channel.title,
    channel_type: channel.channel_type,
    active: channel.active,
    webhook_url: mask(channel.webhook_url ?? ''),
  };
}
