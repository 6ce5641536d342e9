/**
 * Normalises what users type for a helpdesk: `acme`, `acme.omnidesk.ru`, or any http(s) URL
 * (custom domains, the sandbox). The result is an origin with no trailing slash and no API path.
 */

/** `domain` is where the helpdesk puts accounts: `acme` → `https://acme.<domain>`. */
export function normalizeHelpdeskUrl(input: string, domain: string): string {
  let value = input.trim();
  if (!value) throw new Error('is empty');
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    if (!value.includes('.')) value = `${value}.${domain}`;
    value = `https://${value}`;
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`is not a URL or an account name: ${input}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`must be http(s): ${input}`);
  // People paste the API base or an admin page; keep only the origin.
  return url.origin;
}

export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || /^127\./.test(h);
}

/**
 * A webhook URL must be https, except on loopback (the sandbox, a local listener):
 * a helpdesk in the cloud sends customer messages to it.
 */
export function checkWebhookUrl(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'is not a valid URL';
  }
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return undefined;
  if (url.protocol === 'http:') return `must use https (http is allowed only for localhost/127.0.0.1): ${value}`;
  return `must be an https URL: ${value}`;
}
