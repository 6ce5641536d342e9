/**
 * What counts as personal data in a webhook payload. Names and message text cannot be
 * recognised by their shape, so they are found by the field that holds them (the key names
 * Omnidesk and HelpDeskEddy use); e-mails and phone numbers are found by shape anywhere.
 */
import type { Placeholders } from './placeholders.js';

/** Fields whose whole value is message text (rule webhooks of both helpdesks and the custom-channel webhook). */
const TEXT_KEYS = new Set([
  'content',
  'content_html',
  'message',
  'text',
  // Omnidesk rule webhook (reference §4.1a).
  'case_description',
  'last_message',
  'note_text',
  'case_subject',
  'reply_text',
  'message_text',
  'subject',
]);

/** user_name, user_full_name, staff_name, staff_full_name, full_name, first_name, author_name… */
const NAME_KEY =
  /^(?:(?:user|staff|customer|client|author|agent|operator|contact|sender|recipient|from|display|first|last|middle|full|nick|assigned)_)(?:full_)?name$|^(?:fio|nickname)$/;

const PHONE_KEY = /(?:^|_)(?:phone|mobile|telephone|tel|msisdn)(?:_number)?$/;

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
/** A run of 10–15 digits, written as a phone is: with a leading + or with separators. */
const PHONE = /(?<![\w+])\+?\d[\d ()-]{7,22}\d(?![\w@])/g;

export type FieldRule = 'text' | 'name' | 'phone' | 'scan';

export function ruleForKey(key: string | undefined): FieldRule {
  if (key === undefined) return 'scan';
  const k = key.toLowerCase();
  if (TEXT_KEYS.has(k)) return 'text';
  if (NAME_KEY.test(k)) return 'name';
  if (PHONE_KEY.test(k)) return 'phone';
  return 'scan';
}

function looksLikePhone(candidate: string): boolean {
  const digits = candidate.replace(/\D/g, '').length;
  if (digits < 10 || digits > 15) return false;
  // Dates and times ("2024-05-01 10") share the shape; phones do not start with a year.
  if (/^\d{4}-\d{2}-\d{2}/.test(candidate)) return false;
  return candidate.startsWith('+') || /[ ()-]/.test(candidate);
}

/** Replaces e-mails and phone numbers inside any text, leaving the rest untouched. */
export function scanText(value: string, ph: Placeholders): string {
  let out = value.includes('@') ? value.replace(EMAIL, (m) => ph.get('email', m)) : value;
  if (/\d{3}/.test(out) || /\d[ ()-]\d/.test(out))
    out = out.replace(PHONE, (m) => (looksLikePhone(m) ? ph.get('phone', m) : m));
  return out;
}

/** The replacement for one string field, or the value itself when nothing personal is in it. */
export function redactValue(value: string, key: string | undefined, ph: Placeholders): string {
  if (value.trim() === '') return value;
  switch (ruleForKey(key)) {
    case 'text':
      return ph.get('text', value);
    case 'name':
      return ph.get('name', value);
    case 'phone':
      return /\d{5}/.test(value.replace(/\D/g, '')) ? ph.get('phone', value) : scanText(value, ph);
    default:
      return scanText(value, ph);
  }
}
