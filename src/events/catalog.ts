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
 * `--event` filter values as full event names (`new_ticket` → `helpdeskeddy.new_ticket`), each
 * checked like any event name, so a typo is exit 2 with a did-you-mean rather than "no record
 * matched". `unknown` stands for records no event matched.
 */
export function resolveEventFilter(catalog: Catalog, names: string[] | undefined, flag = '--event'): string[] {
  return (names ?? []).map((name) => {
    if (name === 'unknown') return name;
    try {
      return findEvent(catalog, name).name;
    } catch (err) {
      if (!(err instanceof UsageError)) throw err;
      throw new UsageError(`${flag}: ${err.message}`, { hint: err.hint, details: { ...err.details, flag } });
    }
  });
}

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
  // A short name is compared with the short names (`new_tickt` → helpdeskeddy.new_ticket).
  const near = name.includes('.')
    ? didYouMean(name, names)
    : didYouMean(
        name,
        names.map((n) => n.slice(n.indexOf('.') + 1)),
      ).replace(/"([^"]+)"/g, (_m, short: string) => `"${names.find((n) => n.endsWith(`.${short}`)) ?? short}"`);
  const which = bySuffix.length > 1 ? `"${name}" is ambiguous` : `unknown event "${name}"${near}`;
  throw new UsageError(`${which}. Known events: ${names.join(', ')}`, {
    hint: '`omnibot events` lists them with their provenance; a user sample in .omnibot/events/<name>.json adds one.',
    details: { events: names },
  });
}
