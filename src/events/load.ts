/**
 * Loads the event catalog: the shipped files under templates/events/, then user samples from
 * `<config dir>/.omnibot/events/`, which replace a shipped event of the same name or add new
 * ones. A broken user sample is skipped with a warning naming the file and the field, so one
 * bad file never takes `listen` or `send` down; a broken shipped file is a bug and throws.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../core/errors.js';
import { isForbiddenKey } from '../core/php-form.js';
import { describeForm, formPattern, webhookField } from '../helpdesks/omnidesk/webhook-fields.js';
import { decodeBody } from './decode.js';
import { inferFields } from './fields.js';
import { GENERATORS } from './generate.js';
import {
  CONTENT_TYPES,
  EVENT_NAME,
  encodingOf,
  eventFileSchema,
  type Catalog,
  type EventDef,
  type EventFile,
  type FieldDef,
} from './types.js';

/** src/events (tests) and dist/events (built) both sit two levels below the package root. */
export const TEMPLATES_DIR = fileURLToPath(new URL('../../templates/', import.meta.url));
export const SHIPPED_EVENTS_DIR = join(TEMPLATES_DIR, 'events');

/** Where user samples live, relative to the folder of the config file. */
export function userEventsDir(configDir: string): string {
  return join(configDir, '.omnibot', 'events');
}

function readTemplateFrom(ref: string): string {
  const path = join(TEMPLATES_DIR, ref);
  const data = JSON.parse(readFileSync(path, 'utf8')) as { template?: unknown };
  if (typeof data.template !== 'string') throw new Error(`${ref} has no "template" string`);
  return data.template;
}

function resolveFields(file: EventFile, inherited: FieldDef[] | undefined): FieldDef[] {
  return (file.fields ?? []).map((f, i) => {
    let name = f.name;
    let type = f.type;
    let fromFile: Partial<FieldDef> = {};
    if (f.webhookField) {
      const known = webhookField(f.webhookField);
      if (!known)
        throw new Error(
          `fields[${i}].webhookField "${f.webhookField}" is not in templates/omnidesk/webhook-fields.json`,
        );
      name ??= known.key;
      // Every rule-webhook value is a string (reference §4.1a); ids are strings of digits.
      type ??= 'string';
      const pattern = formPattern(known.form);
      fromFile = {
        form: known.form,
        provenance: `key ${known.provenance}, form ${known.formProvenance}, label→key ${known.mapping}`,
        ref: known.ref,
        ...(pattern && !f.pattern ? { pattern } : {}),
      };
      f = {
        ...f,
        description: f.description ?? `«${known.label.ru}» (${known.label.en}): ${describeForm(known.form)}`,
      };
    }
    if (!name) throw new Error(`fields[${i}] needs a "name" (or a "webhookField")`);
    if (f.gen && !GENERATORS[f.gen])
      throw new Error(`fields[${i}].gen "${f.gen}" is unknown; known: ${Object.keys(GENERATORS).join(', ')}`);
    const before = inherited?.find((x) => x.name === name);
    const { webhookField: _unused, ...rest } = f;
    return {
      ...before,
      ...fromFile,
      ...rest,
      name,
      type: type ?? before?.type ?? 'string',
      required: f.required ?? before?.required ?? true,
    };
  });
}

/** Turns a parsed event file into an EventDef; `base` is the shipped event a user sample replaces. */
export function resolveEvent(raw: unknown, file: string, source: EventDef['source'], base?: EventDef): EventDef {
  const parsed = eventFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  const data = parsed.data;
  const name = data.name ?? basename(file, '.json');
  if (!EVENT_NAME.test(name)) throw new Error(`name "${name}" is not \`<helpdesk>.<event>\``);
  const sameBase = base && base.name === name ? base : undefined;
  const contentType =
    data.contentType ?? sameBase?.contentType ?? (data.encoding ? CONTENT_TYPES[data.encoding] : CONTENT_TYPES.json);
  const encoding = data.encoding ?? encodingOf(contentType);
  const template = data.templateFrom ? readTemplateFrom(data.templateFrom) : (data.template ?? null);
  if (data.body !== undefined && template !== null)
    throw new Error('give either "body" (a literal payload) or a template, not both');

  let fields = resolveFields(data, sameBase?.fields);
  if (data.body !== undefined && !data.fields) {
    const decoded = decodeBody(contentType, Buffer.from(data.body, 'utf8'));
    if (!decoded.ok) throw new Error(`"body" does not decode as ${encoding}: ${decoded.error}`);
    fields = inferFields(decoded.value, sameBase?.fields);
  }
  if (fields.length === 0) throw new Error('an event needs "fields" (or a literal "body")');
  for (const f of fields) {
    // A user event is a file anyone may hand over: its paths must not lead into Object.prototype.
    if (f.name.split('.').some(isForbiddenKey))
      throw new Error(`field ${f.name}: __proto__, constructor and prototype are not allowed in a path`);
    if (f.sameAs && !fields.some((g) => g.name === f.sameAs))
      throw new Error(`field ${f.name}: sameAs "${f.sameAs}" is not a field`);
  }

  return {
    name,
    helpdesk: data.helpdesk ?? sameBase?.helpdesk ?? name.split('.')[0]!,
    description: data.description ?? sameBase?.description ?? '',
    provenance: data.provenance ?? (data.body !== undefined ? 'captured' : (sameBase?.provenance ?? 'inferred')),
    contentType,
    encoding,
    accepts: data.accepts ?? (data.body === undefined ? sameBase?.accepts : undefined) ?? [encoding],
    template,
    ...(data.body !== undefined ? { body: data.body } : {}),
    fields,
    ...(data.note ? { note: data.note } : {}),
    source,
    file,
    overrides: Boolean(sameBase),
  };
}

function jsonFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => join(dir, f));
}

function makeCatalog(events: EventDef[], warnings: string[], userDir?: string): Catalog {
  const byName = new Map(events.map((e) => [e.name, e]));
  return { events, warnings, ...(userDir ? { userDir } : {}), get: (name) => byName.get(name) };
}

let shipped: Catalog | undefined;

/** The events omnibot ships with (cached: they never change while running). */
export function shippedCatalog(): Catalog {
  if (shipped) return shipped;
  const events = jsonFiles(SHIPPED_EVENTS_DIR).map((file) => {
    try {
      return resolveEvent(JSON.parse(readFileSync(file, 'utf8')), file, 'shipped');
    } catch (err) {
      throw new ConfigError(`Shipped event file ${file} is invalid: ${(err as Error).message}`, {
        code: 'catalog_invalid',
        cause: err,
      });
    }
  });
  shipped = makeCatalog(events, []);
  return shipped;
}

/** The shipped catalog with the user samples in `userDir` (a `.omnibot/events` folder) applied. */
export function loadCatalogSync(userDir?: string): Catalog {
  const base = shippedCatalog();
  if (!userDir) return base;
  const events = [...base.events];
  const warnings: string[] = [];
  for (const file of jsonFiles(userDir)) {
    try {
      const raw = JSON.parse(readFileSync(file, 'utf8')) as unknown;
      const name = (raw as { name?: unknown })?.name;
      const key = typeof name === 'string' ? name : basename(file, '.json');
      const index = events.findIndex((e) => e.name === key);
      const event = resolveEvent(raw, file, 'user', index >= 0 ? events[index] : undefined);
      if (events.some((e) => e.source === 'user' && e.name === event.name)) {
        warnings.push(`${file}: a second user sample for ${event.name}; the first one is kept`);
        continue;
      }
      if (index >= 0) events[index] = event;
      else events.push(event);
    } catch (err) {
      warnings.push(`${file}: skipped: ${(err as Error).message}`);
    }
  }
  return makeCatalog(events, warnings, userDir);
}

export async function loadCatalog(userDir?: string): Promise<Catalog> {
  return loadCatalogSync(userDir);
}
