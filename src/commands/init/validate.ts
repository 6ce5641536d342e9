/**
 * Checks for each answer, shared by the prompts (as `validate`, so a person can retype) and by
 * the flags (as a UsageError naming the flag, so a script learns what to fix).
 */
import { z } from 'zod';
import { LABEL_TITLE_MAX } from '../../config/schema.js';
import { checkWebhookUrl, normalizeHelpdeskUrl } from '../../config/urls.js';
import { UsageError } from '../../errors.js';

export type Check = (value: string) => true | string;

export const checkUrl: Check = (v) => {
  try {
    normalizeHelpdeskUrl(v, 'omnidesk');
    return true;
  } catch (err) {
    return `the account ${(err as Error).message}`;
  }
};

const emailSchema = z.email();
export const checkEmail: Check = (v) => (emailSchema.safeParse(v.trim()).success ? true : `is not an e-mail address: ${v}`);

export const checkLabel: Check = (v) => {
  const t = v.trim();
  if (!t) return 'must not be empty';
  if (t.length > LABEL_TITLE_MAX) return `must be at most ${LABEL_TITLE_MAX} characters (it has ${t.length})`;
  return true;
};

export const checkWebhook: Check = (v) => {
  const problem = checkWebhookUrl(v.trim());
  return problem ? problem : true;
};

export const checkName: Check = (v) =>
  /^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$/.test(v) ? true : 'use letters, digits, "-" and "_" (at most 63), starting with a letter or digit';

export const checkRequired: Check = (v) => (v.trim() ? true : 'must not be empty');

/** Applies a check to a flag value; a failure names the flag. */
export function checkFlag(flag: string, value: string, check: Check): string {
  const verdict = check(value);
  if (verdict !== true) throw new UsageError(`${flag}: ${verdict}`, { details: { flag } });
  return value.trim();
}

/** An integration name from a label: "Wiki Bot" → "wiki-bot"; non-Latin titles fall back to "bot". */
export function nameFromLabel(label: string): string {
  const slug = label
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^[-_]+|[-_]+$/g, '')
    .slice(0, 63);
  return slug && checkName(slug) === true ? slug : 'bot';
}
