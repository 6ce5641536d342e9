/**
 * The tickable fields of Omnidesk's «Выполнить вебхук» action, read from
 * templates/omnidesk/webhook-fields.json: the same file the sandbox rule engine and the event
 * catalog read, so a printed tick and the JSON key the sandbox sends cannot drift apart.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Localized } from '../../model/localized.js';
import type { OmnideskWebhookField } from '../../model/specs.js';

interface FieldEntry {
  ru: string;
  en: string;
  key: string;
  type: string;
}

/** src/steps (tests) and dist/steps (built) both sit two levels below the package root. */
const FIELDS_FILE = fileURLToPath(new URL('../../../templates/omnidesk/webhook-fields.json', import.meta.url));

let cached: Record<string, FieldEntry> | undefined;

function fields(): Record<string, FieldEntry> {
  cached ??= (JSON.parse(readFileSync(FIELDS_FILE, 'utf8')) as { fields: Record<string, FieldEntry> }).fields;
  return cached;
}

/** The checkbox label as the UI shows it, e.g. «id обращения» / "case ID". */
export function webhookFieldLabel(field: OmnideskWebhookField): Localized {
  const entry = fields()[field];
  // An unknown field still renders (by its id) rather than hiding a tick the user must make.
  return entry ? { ru: entry.ru, en: entry.en } : { ru: field, en: field };
}
