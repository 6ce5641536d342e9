// Verbatim copy of the zod-schema part of src/events/fields.ts before the fast validator; oracle only.
/**
 * An event's field list as a zod schema, and the dotted-path helpers the renderer, `--set` and
 * detection share. Field names are paths as users see them in the payload: `ticket_id`,
 * `object.content` (a form body's `object[content]` decodes to the same path).
 */
import { z } from 'zod';
import type { Encoding, EventDef, FieldDef, FieldType } from '../../../../src/events/types.js';

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

export function getPath(value: unknown, path: string): unknown {
  let node: unknown = value;
  for (const part of parts(path)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

export function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
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
  return leafPaths(value).map(([name, v]) => {
    const before = inherited.find((f) => f.name === name);
    const field: FieldDef = { name, type: typeOf(v), required: true };
    if (before?.summary) field.summary = before.summary;
    if (before?.description) field.description = before.description;
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
      schema = field.pattern ? z.string().regex(new RegExp(field.pattern), `expected to match ${field.pattern}`) : z.string();
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
  if (!byEncoding) schemas.set(event.fields, (byEncoding = new Map()));
  let schema = byEncoding.get(encoding);
  if (!schema) byEncoding.set(encoding, (schema = buildSchema(event.fields, encoding)));
  return schema;
}

function buildSchema(fields: FieldDef[], encoding: Encoding): z.ZodType {
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
  return toSchema(tree, encoding);
}

/** zod issues as `path: message` lines. */
export function formatIssues(error: z.ZodError): string[] {
  return error.issues.map((i) => `${i.path.map(String).join('.') || '(body)'}: ${i.message}`);
}
