/**
 * `--set path=value`: paths as users see them in the payload. `object[content]` (how a form body
 * spells it) and `object.content` are the same path; values are typed per field, so a number
 * stays a number in an Omnidesk JSON body and every HelpDeskEddy value stays a string.
 */
import { UsageError } from '../core/errors.js';
import { splitBracketKey } from '../core/php-form.js';
import type { EventDef, FieldDef } from './types.js';

export type FieldValue = string | number | boolean;

/** `object[content]` → `object.content`; dotted paths pass through. */
export function normalizePath(path: string): string {
  const trimmed = path.trim();
  if (!trimmed.includes('[')) return trimmed;
  return splitBracketKey(trimmed, { phpNames: false })?.join('.') ?? trimmed;
}

/** Splits `path=value` at the first `=`; the value may itself contain `=`. */
export function parseSetArg(arg: string): { path: string; value: string } {
  const eq = arg.indexOf('=');
  if (eq <= 0) {
    throw new UsageError(`--set "${arg}": expected path=value`, {
      hint: 'For example: --set ticket_id=1042 or --set "object[content]=Привет"',
    });
  }
  return { path: arg.slice(0, eq), value: arg.slice(eq + 1) };
}

/** Every `--set path=value` flag as a `[path, value]` pair, in order, ready for `resolveSets`. */
export function parseSetArgs(args: string[] = []): Array<[string, string]> {
  return args.map((arg) => {
    const { path, value } = parseSetArg(arg);
    return [path, value];
  });
}

function validPaths(event: EventDef): string {
  return event.fields.map((f) => f.name).join(', ');
}

/** The value a `--set` string becomes for this field, or a UsageError naming the path. */
export function typedValue(field: FieldDef, raw: string, event: EventDef): FieldValue {
  const fail = (what: string) =>
    new UsageError(`--set ${field.name}: ${what}, got "${raw}"`, {
      hint: `${event.name} field ${field.name} is ${field.type}${field.pattern ? ` matching ${field.pattern}` : ''}.`,
    });
  switch (field.type) {
    case 'integer': {
      if (!/^-?\d+$/.test(raw.trim())) throw fail('expected an integer');
      const n = Number(raw.trim());
      if (!Number.isSafeInteger(n)) throw fail('the integer is too large to send exactly');
      return n;
    }
    case 'number': {
      const n = Number(raw.trim());
      if (raw.trim() === '' || !Number.isFinite(n)) throw fail('expected a number');
      return n;
    }
    case 'boolean': {
      const v = raw.trim().toLowerCase();
      if (['1', 'true', 'yes'].includes(v)) return true;
      if (['0', 'false', 'no'].includes(v)) return false;
      throw fail('expected true/false or 1/0');
    }
    default:
      if (field.pattern && !new RegExp(field.pattern).test(raw)) throw fail(`expected to match ${field.pattern}`);
      return raw;
  }
}

/** Resolves every `--set` against the event: an unknown path is a UsageError listing the valid ones. */
export function resolveSets(
  event: EventDef,
  sets: Record<string, string> | Array<[string, string]> = {},
): Map<string, FieldValue> {
  const out = new Map<string, FieldValue>();
  const entries = Array.isArray(sets) ? sets : Object.entries(sets);
  for (const [rawPath, raw] of entries) {
    const path = normalizePath(rawPath);
    const field = event.fields.find((f) => f.name === path);
    if (!field) {
      throw new UsageError(
        `--set ${rawPath}: ${event.name} has no field "${path}". Valid paths: ${validPaths(event)}`,
        {
          hint: `\`omnibot events show ${event.name}\` lists the fields.`,
          details: { flag: '--set', path: rawPath, validPaths: event.fields.map((f) => f.name) },
        },
      );
    }
    if (field.const !== undefined) {
      throw new UsageError(`--set ${rawPath}: ${field.name} is fixed to "${String(field.const)}" in ${event.name}`, {
        hint: 'To send a different body, use --data <file>.',
      });
    }
    out.set(path, typedValue(field, raw, event));
  }
  return out;
}
