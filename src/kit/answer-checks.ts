/**
 * Checks for each init answer, shared by the prompts (as `validate`, so a person can retype)
 * and by the flags (as a UsageError naming the flag, so a script learns what to fix).
 */
import { z } from 'zod';
import { UsageError } from '../core/errors.js';
import { checkWebhookUrl, normalizeHelpdeskUrl } from '../core/urls.js';
import { INTEGRATION_NAME } from '../model/config.js';

export type Check = (value: string) => true | string;

/** `domain`: where a bare account name lives (`acme` → `acme.<domain>`). */
export function checkAccountUrl(domain: string): Check {
  return (v) => {
    try {
      normalizeHelpdeskUrl(v, domain);
      return true;
    } catch (err) {
      return `the account ${(err as Error).message}`;
    }
  };
}

const emailSchema = z.email();
export const checkEmail: Check = (v) =>
  emailSchema.safeParse(v.trim()).success ? true : `is not an e-mail address: ${v}`;

export const checkWebhook: Check = (v) => {
  const problem = checkWebhookUrl(v.trim());
  return problem ? problem : true;
};

/**
 * A webhook URL that may carry `${VAR}` placeholders (the bot token). It is checked with a
 * token-like value in each allowed placeholder, so a placeholder in the host is caught now
 * rather than when the config loads; any other `${…}` would need a variable nobody sets.
 */
export function checkWebhookWith(placeholders: string[]): Check {
  return (v) => {
    const other = [...v.matchAll(/\$\{([^}]*)\}/g)].map((m) => m[1]!).filter((n) => !placeholders.includes(n));
    if (other.length)
      return `may contain only ${placeholders.map((n) => `\${${n}}`).join(', ')} as a placeholder, not \${${other[0]}}`;
    const filler = 'placeholder0token0'.padEnd(43, '0');
    let filled = v.trim();
    for (const n of placeholders) filled = filled.replaceAll(`\${${n}}`, filler);
    const problem = checkWebhookUrl(filled);
    if (problem) return problem.replace(filled, v.trim());
    // The token identifies the request to the bot; in the host name it would change where requests go.
    if (new URL(filled).host.toLowerCase().includes(filler))
      return `must have ${placeholders.map((n) => `\${${n}}`).join(', ')} in its path or query, not its host`;
    return true;
  };
}

/** `my.example.com` → `https://my.example.com`; BILLmanager is reached by URL, never by account name. */
export function normalizeSiteUrl(v: string): string {
  const t = v.trim().replace(/\/+$/, '');
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(t) ? t : `https://${t}`;
}

export const checkSiteUrl: Check = (v) => {
  if (!v.trim()) return 'must not be empty';
  const problem = checkWebhookUrl(normalizeSiteUrl(v));
  return problem ? problem : true;
};

export const checkName: Check = (v) =>
  INTEGRATION_NAME.test(v) ? true : 'use letters, digits, "-" and "_" (at most 63), starting with a letter or digit';

export const checkRequired: Check = (v) => (v.trim() ? true : 'must not be empty');

/** Applies a check to a flag value; a failure names the flag. */
export function checkFlag(flag: string, value: string, check: Check): string {
  const verdict = check(value);
  if (verdict !== true) throw new UsageError(`${flag}: ${verdict}`, { details: { flag } });
  return value.trim();
}

/** An integration name from a title: "Wiki Bot" → "wiki-bot"; non-Latin titles fall back to `fallback`. */
export function nameFromLabel(label: string, fallback = 'bot'): string {
  const slug = label
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^[-_]+|[-_]+$/g, '')
    .slice(0, 63);
  return slug && checkName(slug) === true ? slug : fallback;
}
