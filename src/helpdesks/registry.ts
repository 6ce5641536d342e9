/**
 * The helpdesks omnibot knows. The helpdesk kind type is derived from this list, so it is
 * written once: adding a helpdesk is a folder with its descriptor plus one line here.
 */
import { helpdeskeddy } from './helpdeskeddy/index.js';
import { omnidesk } from './omnidesk/index.js';

export const HELPDESKS = [omnidesk, helpdeskeddy] as const;

type Listed = (typeof HELPDESKS)[number];

export type HelpdeskKind = Listed['kind'];

/** The client type of one helpdesk, e.g. `HelpdeskApi<'omnidesk'>` is `OmnideskApi`. */
export type HelpdeskApi<K extends HelpdeskKind> = Awaited<ReturnType<Extract<Listed, { kind: K }>['client']>>;

/** The staff type init's questions get for one helpdesk. */
export type HelpdeskStaff<K extends HelpdeskKind> = Awaited<
  ReturnType<Extract<Listed, { kind: K }>['live']>
>['staff'][number];

export const HELPDESK_KINDS: readonly HelpdeskKind[] = HELPDESKS.map((h) => h.kind);

export function helpdesk<K extends HelpdeskKind>(kind: K): Extract<Listed, { kind: K }> {
  return HELPDESKS.find((h) => h.kind === kind) as Extract<Listed, { kind: K }>;
}

export function isHelpdeskKind(value: string): value is HelpdeskKind {
  return HELPDESKS.some((h) => h.kind === value);
}
