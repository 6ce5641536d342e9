/**
 * An event's field list as a zod schema, and the dotted-path helpers the renderer, `--set` and
 * detection share. Field names are paths as users see them in the payload: `ticket_id`,
 * `object.content` (a form body's `object[content]` decodes to the same path).
 */
import { z } from 'zod';
import { UsageError } from '../core/errors.js';
import { isForbiddenKey } from '../core/php-form.js';
import type { Encoding, EventDef, FieldDef, FieldType } from './types.js';

type Tree = { [key: string]: Tree | FieldDef };

const splitCache = new Map<string, string[]>();
function parts(path: string): string[] {
  let cached = splitCache.get(path);
  if (!cached) {
    cached = path.split('.');
    // Paths come from field lists and a few fallbacks; the cap only guards against misuse.
    if (splitCache.size < 10_000) splitCache.set(path, cached);
  }
  return cached;
}

/** The value at a dotted path; only own keys count, so `constructor` is never found on `{}`. */
export function getPath(value: unknown, path: string): unknown {
  let node: unknown = value;
  for (const part of parts(path)) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, part)) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/**
 * Writes at a dotted path, making maps on the way. A path through `__proto__`, `constructor` or
 * `prototype` (a field of a hand-written or promoted user event, say) is refused: nothing reaches
 * `Object.prototype`.
 */
export function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  if (parts.some(isForbiddenKey))
    throw new UsageError(`field path "${path}": __proto__, constructor and prototype are not allowed`);
  let node = target;
  for (const part of parts.slice(0, -1)) {
    const next = Object.hasOwn(node, part) ? node[part] : undefined;
    if (next === null || typeof next !== 'object') node[part] = {};
    node = node[part] as Record<string, unknown>;
  }
  node[parts[parts.length - 1]!] = value;
}

/** Every leaf of a decoded body as `[dotted path, value]`, in order. */
export function leafPaths(value: unknown, prefix = ''): Array<[string, unknown]> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return prefix ? [[prefix, value]] : [];
  const out: Array<[string, unknown]> = [];
  for (const [k, v] of Object.entries(value)) out.push(...leafPaths(v, prefix ? `${prefix}.${k}` : k));
  return out;
}

function typeOf(value: unknown): FieldType {
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'string') return 'string';
  return 'any';
}

/** Fields of a literal (captured) body; roles and descriptions carry over from the event it replaces. */
export function inferFields(value: unknown, inherited: FieldDef[] = []): FieldDef[] {
  const leaves = leafPaths(value);
  const names = new Set(leaves.map(([name]) => name));
  return leaves.map(([name, v]) => {
    const before = inherited.find((f) => f.name === name);
    const field: FieldDef = { name, type: typeOf(v), required: true, provenance: 'captured' };
    if (before?.summary) field.summary = before.summary;
    if (before?.description) field.description = before.description;
    // How the shipped event makes the field, so a captured body still gets fresh ids and times.
    if (before?.gen) field.gen = before.gen;
    if (before?.sameAs && names.has(before.sameAs)) field.sameAs = before.sameAs;
    return field;
  });
}

function leafSchema(field: FieldDef, encoding: Encoding): z.ZodType {
  if (field.const !== undefined) return encoding === 'form' ? z.literal(String(field.const)) : z.literal(field.const);
  const fromForm = encoding === 'form';
  let schema: z.ZodType;
  switch (field.type) {
    case 'integer':
      schema = fromForm ? z.string().regex(/^-?\d+$/, 'expected an integer') : z.int();
      break;
    case 'number':
      schema = fromForm ? z.string().regex(/^-?\d+(\.\d+)?$/, 'expected a number') : z.number();
      break;
    case 'boolean':
      schema = fromForm ? z.enum(['0', '1', 'true', 'false', '']) : z.union([z.boolean(), z.literal(0), z.literal(1)]);
      break;
    case 'string':
      schema = field.pattern
        ? z.string().regex(new RegExp(field.pattern), `expected to match ${field.pattern}`)
        : z.string();
      break;
    default:
      schema = z.unknown();
  }
  return field.required ? schema : schema.optional();
}

function toSchema(tree: Tree, encoding: Encoding): z.ZodType {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, node] of Object.entries(tree)) {
    shape[key] = isField(node) ? leafSchema(node, encoding) : toSchema(node, encoding);
  }
  // Real payloads may carry more than we know of (attachments, new keys): extra keys are fine.
  return z.looseObject(shape);
}

function isField(node: Tree | FieldDef): node is FieldDef {
  return typeof (node as FieldDef).name === 'string' && typeof (node as FieldDef).type === 'string';
}

// Building a schema costs far more than using one; the listener detects on every request.
const schemas = new WeakMap<FieldDef[], Map<Encoding, z.ZodType>>();

/** The zod schema of a payload of this event, as decoded from JSON or from a form body. */
export function eventSchema(event: Pick<EventDef, 'fields'>, encoding: Encoding = 'json'): z.ZodType {
  let byEncoding = schemas.get(event.fields);
  if (!byEncoding) schemas.set(event.fields, (byEncoding = new Map<Encoding, z.ZodType>()));
  let schema = byEncoding.get(encoding);
  if (!schema) byEncoding.set(encoding, (schema = buildSchema(event.fields, encoding)));
  return schema;
}

function buildSchema(fields: FieldDef[], encoding: Encoding): z.ZodType {
  return toSchema(buildTree(fields), encoding);
}

type Check = (value: unknown) => boolean;

const isObjectLike = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const FORM_INTEGER = /^-?\d+$/;
const FORM_NUMBER = /^-?\d+(\.\d+)?$/;
const FORM_BOOLEANS: ReadonlySet<unknown> = new Set(['0', '1', 'true', 'false', '']);

/** The check of one leaf: the same verdict as `leafSchema`, without zod (no issues, no allocation). */
function leafCheck(field: FieldDef, encoding: Encoding): Check {
  const fromForm = encoding === 'form';
  if (field.const !== undefined) {
    // As leafSchema: a fixed value is required whatever `required` says.
    const expected = fromForm ? String(field.const) : field.const;
    return (v) => v === expected;
  }
  let check: Check;
  switch (field.type) {
    case 'integer':
      check = fromForm ? (v) => typeof v === 'string' && FORM_INTEGER.test(v) : (v) => Number.isSafeInteger(v);
      break;
    case 'number':
      check = fromForm
        ? (v) => typeof v === 'string' && FORM_NUMBER.test(v)
        : (v) => typeof v === 'number' && Number.isFinite(v);
      break;
    case 'boolean':
      check = fromForm ? (v) => FORM_BOOLEANS.has(v) : (v) => v === true || v === false || v === 0 || v === 1;
      break;
    case 'string':
      if (field.pattern) {
        const re = new RegExp(field.pattern);
        check = (v) => typeof v === 'string' && re.test(v);
      } else check = (v) => typeof v === 'string';
      break;
    default:
      // z.unknown() takes any value; an absent key is the object's business (see treeCheck).
      check = () => true;
  }
  if (field.required) return check;
  return (v) => v === undefined || check(v);
}

function treeCheck(tree: Tree, encoding: Encoding): Check {
  // As zod's object: a `__proto__` key is never checked, and a required key whose schema takes
  // `undefined` (z.unknown()) must still be present (`key in value`).
  const entries: Array<[string, Check, boolean]> = Object.entries(tree)
    .filter(([key]) => key !== '__proto__')
    .map(([key, node]) =>
      isField(node)
        ? [key, leafCheck(node, encoding), node.type === 'any' && node.const === undefined && node.required]
        : [key, treeCheck(node, encoding), false],
    );
  return (value) => {
    if (!isObjectLike(value)) return false;
    for (let i = 0; i < entries.length; i += 1) {
      const [key, check, mustBePresent] = entries[i]!;
      if (mustBePresent ? !(key in value) : !check(value[key])) return false;
    }
    return true;
  };
}

function buildTree(fields: FieldDef[]): Tree {
  const tree: Tree = {};
  for (const field of fields) {
    const parts = field.name.split('.');
    let node = tree;
    for (const part of parts.slice(0, -1)) {
      const next = node[part];
      if (!next || isField(next)) node[part] = {};
      node = node[part] as Tree;
    }
    node[parts[parts.length - 1]!] = field;
  }
  return tree;
}

const validators = new WeakMap<FieldDef[], Map<Encoding, Check>>();

/**
 * `eventSchema(event, encoding).safeParse(value).success`, computed without zod: detection runs
 * on every request the listener takes, and only the event it names needs zod's issue messages.
 * test/unit/events/fields.test.ts holds the two to the same verdict.
 */
export function eventValidator(event: Pick<EventDef, 'fields'>, encoding: Encoding = 'json'): Check {
  let byEncoding = validators.get(event.fields);
  if (!byEncoding) validators.set(event.fields, (byEncoding = new Map<Encoding, Check>()));
  let check = byEncoding.get(encoding);
  if (!check) byEncoding.set(encoding, (check = treeCheck(buildTree(event.fields), encoding)));
  return check;
}

/** zod issues as `path: message` lines. */
export function formatIssues(error: z.ZodError): string[] {
  return error.issues.map((i) => `${i.path.map(String).join('.') || '(body)'}: ${i.message}`);
}
