/**
 * Seed 003: the custom channel's Webhook is `https://URL/mancgi/omnidesk_webhook?{secret_key}`,
 * where secret_key equals the field in BILLmanager's module settings. The whole query string
 * is the secret, so everything after "?" is masked wherever a URL is shown.
 */
import type { ChannelDifference, ChannelTarget } from '../omnidesk-custom-channel/channel-match.js';
import type { BillmanagerIntegration } from './schema.js';

export const CGI_PATH = '/mancgi/omnidesk_webhook';
/** The variable the config's `"secret"` reads by default (`init` writes it, `token generate` fills it). */
export const BILLMANAGER_SECRET_VAR = 'BILLMANAGER_SECRET';
/** The seed's own notation, shown next to the real URL so the two can be compared. */
export const SEED_URL_FORMAT = 'https://URL/mancgi/omnidesk_webhook?{secret_key}';

/** The CGI sits at the panel's root whatever page of BILLmanager the user pasted. */
export function cgiBase(billmanagerUrl: string): string {
  return new URL(CGI_PATH, billmanagerUrl).toString();
}

export function billmanagerWebhookUrl(billmanagerUrl: string, secret: string): string {
  return `${cgiBase(billmanagerUrl)}?${encodeURIComponent(secret)}`;
}

/** `https://bm.example.com/mancgi/omnidesk_webhook?***`: the address without the secret. */
export function maskSecretUrl(url: string): string {
  const q = url.indexOf('?');
  return q < 0 ? url : `${url.slice(0, q)}?***`;
}

function split(url: string): { base: string; query: string | undefined } {
  const q = url.indexOf('?');
  return q < 0 ? { base: url, query: undefined } : { base: url.slice(0, q), query: url.slice(q + 1) };
}

function decode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** Tells a wrong address from a wrong secret, without ever showing either secret. */
export function compareBillmanagerUrl(actual: string, wanted: string): ChannelDifference[] {
  const a = split(actual);
  const w = split(wanted);
  const out: ChannelDifference[] = [];
  if (a.base !== w.base) {
    out.push({ field: 'webhook_url', detail: `Webhook URL points to ${a.base || '(empty)'}, expected ${w.base}?***` });
  }
  if (a.query === undefined || a.query === '') {
    out.push({ field: 'secret', detail: 'Webhook URL carries no secret after "?"' });
  } else if (decode(a.query) !== decode(w.query ?? '')) {
    out.push({ field: 'secret', detail: 'the secret after "?" in the Webhook URL differs from the configured secret' });
  }
  return out;
}

export function billmanagerChannelTarget(it: BillmanagerIntegration): ChannelTarget {
  return {
    title: it.channelTitle,
    webhookUrl: billmanagerWebhookUrl(it.billmanagerUrl, it.secret),
    channelType: it.channelType,
    mask: maskSecretUrl,
    compareUrl: compareBillmanagerUrl,
  };
}
