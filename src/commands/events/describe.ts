/** The data `events` and `events show` print: plain objects, so --json is the same facts as the text. */
import { decodeBody } from '../../events/decode.js';
import { getPath } from '../../events/fields.js';
import {
  renderSample,
  sampleValues,
  type Catalog,
  type Encoding,
  type EventDef,
  type FieldValue,
  type RenderOptions,
} from '../../events/catalog.js';

export interface EventRow {
  name: string;
  helpdesk: string;
  provenance: string;
  contentType: string;
  encoding: Encoding;
  accepts: Encoding[];
  description: string;
  source: 'shipped' | 'user';
  /** True when a user sample replaces a shipped event of this name. */
  overrides: boolean;
  file: string;
}

export function eventRow(e: EventDef): EventRow {
  return {
    name: e.name,
    helpdesk: e.helpdesk,
    provenance: e.provenance,
    contentType: e.contentType,
    encoding: e.encoding,
    accepts: e.accepts,
    description: e.description,
    source: e.source,
    overrides: e.overrides,
    file: e.file,
  };
}

export function listEvents(catalog: Catalog): EventRow[] {
  return catalog.events.map(eventRow);
}

export interface FieldRow {
  name: string;
  type: string;
  required: boolean;
  /** The HelpDeskEddy `{tag}` that fills it, for template events. */
  tag?: string;
  fixed?: string | number | boolean;
  description?: string;
  /** This sample's value. */
  sample?: FieldValue | null;
  /** Where the key and its value form come from (Omnidesk rule webhooks; `captured` for a promoted capture). */
  provenance?: string;
  ref?: string;
}

export interface EventDescription extends EventRow {
  note?: string;
  template?: string;
  fields: FieldRow[];
  sample: { contentType: string; body: string };
}

function literalValues(event: EventDef, body: string, contentType: string): Map<string, FieldValue> {
  const decoded = decodeBody(contentType, body);
  const values = new Map<string, FieldValue>();
  if (!decoded.ok) return values;
  for (const f of event.fields) {
    const v = getPath(decoded.value, f.name);
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') values.set(f.name, v);
  }
  return values;
}

export function describeEvent(event: EventDef, options: RenderOptions = {}): EventDescription {
  let values: Map<string, FieldValue>;
  let sample: { contentType: string; body: string };
  if (event.body !== undefined) {
    sample = renderSample(event, options);
    values = literalValues(event, sample.body, sample.contentType);
  } else {
    // One set of values feeds both the field list and the body, so they agree.
    values = sampleValues(event, options);
    sample = renderSample(event, { ...options, set: values });
  }
  return {
    ...eventRow(event),
    ...(event.note ? { note: event.note } : {}),
    ...(event.template !== null ? { template: event.template } : {}),
    fields: event.fields.map((f) => ({
      name: f.name,
      type: f.type,
      required: f.required,
      ...(f.tag ? { tag: f.tag } : {}),
      ...(f.const !== undefined ? { fixed: f.const } : {}),
      ...(f.description ? { description: f.description } : {}),
      ...(f.provenance ? { provenance: f.provenance } : {}),
      ...(f.ref ? { ref: f.ref } : {}),
      sample: values.get(f.name) ?? null,
    })),
    sample,
  };
}
