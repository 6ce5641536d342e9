/**
 * The event catalog's public face (docs/architecture.md, "Event catalog contract"): load the
 * catalog, find an event by the name a user typed, render a sample, detect an event in a body.
 */
import { didYouMean } from '../core/did-you-mean.js';
import { UsageError } from '../core/errors.js';
import type { Catalog, EventDef } from './types.js';

export { loadCatalog, loadCatalogSync, shippedCatalog, userEventsDir, SHIPPED_EVENTS_DIR } from './load.js';
export { renderSample, sampleValues, type RenderOptions, type RenderedSample } from './render.js';
export { detectEvent, type DetectResult, type DetectSummary } from './detect.js';
export { eventSchema } from './fields.js';
export { normalizePath, parseSetArg, parseSetArgs, resolveSets, type FieldValue } from './set-paths.js';
export type { Catalog, EventDef, FieldDef, Encoding, Provenance } from './types.js';

/**
 * The event a user named: the full name, or an unambiguous last part (`new_ticket`,
 * `incoming`). Anything else is a UsageError that lists every event.
 */
export function findEvent(catalog: Catalog, name: string): EventDef {
  const exact = catalog.get(name);
  if (exact) return exact;
  const bySuffix = catalog.events.filter((e) => e.name.endsWith(`.${name}`));
  if (bySuffix.length === 1) return bySuffix[0]!;
  const names = catalog.events.map((e) => e.name);
  const which = bySuffix.length > 1 ? `"${name}" is ambiguous` : `unknown event "${name}"${didYouMean(name, names)}`;
  throw new UsageError(`${which}. Known events: ${names.join(', ')}`, {
    hint: '`omnibot events` lists them with their provenance; a user sample in .omnibot/events/<name>.json adds one.',
    details: { events: names },
  });
}
