/**
 * Custom-field values sent on tickets, users and organizations: `{"<field_id>": value}`, a
 * hierarchy field as `{"<level>": value}` (reference §2.4 [C+]). How the real API checks them is
 * not published, so the sandbox's checks are its own [INF]: the field must exist in its scope;
 * with the `customFieldValues: "strict"` switch also a checkbox takes 1/0, a select one of its
 * option ids, a number digits. `""` or null clears a value. Stored values print as PHPSDK's
 * example does: checkbox 1/0, the rest as sent.
 */
import { isRecord } from '../../../server/http.js';
import { badRequest } from './request-body.js';
import type { Directory } from './directory.js';
import type { FieldScope } from './seed-data.js';
import type { FieldValues } from './store.js';

function scalar(fieldId: number, value: unknown): string {
  if (typeof value === 'object' && value !== null)
    throw badRequest(`Custom field {${fieldId}} takes one value, not a list or object.`);
  return String(value).trim();
}

function optionId(directory: Directory, fieldId: number, raw: string): number {
  const id = /^\d{1,15}$/.test(raw) ? Number(raw) : NaN;
  if (!directory.optionsOf(fieldId).some((o) => o.id === id))
    throw badRequest(`Custom field {${fieldId}} has no option with id {${raw}}.`);
  return id;
}

/** Lenient: any one value (a hierarchy: one per level); a checkbox's 1/0 forms still print as 1/0. */
function lenient(type: string, fieldId: number, value: unknown): unknown {
  if (type === 'hierarchy' && isRecord(value)) {
    return Object.fromEntries(Object.entries(value).map(([level, v]) => [level, scalar(fieldId, v)]));
  }
  const v = scalar(fieldId, value);
  if (type === 'checkbox' && /^(1|0|true|false)$/i.test(v)) return /^(1|true)$/i.test(v) ? 1 : 0;
  return v;
}

/** Applies `input` onto `current` (a copy is returned); a 400 names the offending field. */
export function applyFieldValues(
  directory: Directory,
  scope: FieldScope,
  current: FieldValues,
  input: Record<string, unknown>,
  mode: 'lenient' | 'strict' = 'lenient',
): FieldValues {
  const next: FieldValues = { ...current };
  for (const [key, value] of Object.entries(input)) {
    const fieldId = /^\d{1,15}$/.test(key) ? Number(key) : NaN;
    const field = directory.field(scope, fieldId);
    if (!field) throw badRequest(`Custom field with id {${key}} not found.`);
    if (value === null || value === undefined || value === '') {
      delete next[key];
      continue;
    }
    if (mode === 'lenient') {
      next[key] = lenient(field.field_type, fieldId, value);
      continue;
    }
    switch (field.field_type) {
      case 'checkbox': {
        const v = scalar(fieldId, value).toLowerCase();
        if (!['0', '1', 'true', 'false'].includes(v))
          throw badRequest(`Custom field {${fieldId}} is a checkbox: 1 or 0.`);
        next[key] = v === '1' || v === 'true' ? 1 : 0;
        break;
      }
      case 'number': {
        const v = scalar(fieldId, value);
        if (!/^-?\d+(?:\.\d+)?$/.test(v)) throw badRequest(`Custom field {${fieldId}} takes a number.`);
        next[key] = v;
        break;
      }
      case 'select':
        next[key] = optionId(directory, fieldId, scalar(fieldId, value));
        break;
      case 'hierarchy': {
        const levels = isRecord(value) ? value : { '1': value };
        const out: Record<string, number> = {};
        for (const [level, v] of Object.entries(levels)) {
          if (!/^\d{1,3}$/.test(level))
            throw badRequest(`Custom field {${fieldId}}: "${level}" is not a level number.`);
          out[level] = optionId(directory, fieldId, scalar(fieldId, v));
        }
        next[key] = out;
        break;
      }
      default:
        next[key] = scalar(fieldId, value);
    }
  }
  return next;
}
