/**
 * Stable stand-ins for personal data. The same input always gets the same placeholder within
 * one run (so a conversation in a redacted capture stays linked: the user who wrote in record
 * 3 is still `user-1@example.invalid` in record 9), and placeholders are recognised on a
 * second pass, so redacting twice changes nothing.
 */

export type PiiKind = 'email' | 'phone' | 'name' | 'text';

const PLACEHOLDER: Record<PiiKind, RegExp> = {
  email: /^user-\d+@example\.invalid$/,
  phone: /^\+7\d{10}$/,
  name: /^Name-\d+$/,
  text: /^text-\d+$/,
};

/** Phones are compared by their digits, so "+7 (912) 345-67-89" and "+79123456789" are one person. */
function normalise(kind: PiiKind, value: string): string {
  if (kind === 'email') return value.trim().toLowerCase();
  if (kind === 'phone') return value.replace(/\D/g, '');
  if (kind === 'name') return value.trim().replace(/\s+/g, ' ');
  return value;
}

export function isPlaceholder(kind: PiiKind, value: string): boolean {
  if (kind === 'phone') return PLACEHOLDER.phone.test(value) && value.startsWith('+7000');
  return PLACEHOLDER[kind].test(value.trim());
}

export class Placeholders {
  private readonly maps: Record<PiiKind, Map<string, string>> = {
    email: new Map(),
    phone: new Map(),
    name: new Map(),
    text: new Map(),
  };
  /** How many values of each kind were replaced (occurrences, not distinct values). */
  readonly counts: Record<PiiKind, number> = { email: 0, phone: 0, name: 0, text: 0 };

  get(kind: PiiKind, value: string): string {
    if (isPlaceholder(kind, value)) return value;
    const map = this.maps[kind];
    const key = normalise(kind, value);
    let placeholder = map.get(key);
    if (placeholder === undefined) {
      placeholder = make(kind, map.size + 1);
      map.set(key, placeholder);
    }
    this.counts[kind] += 1;
    return placeholder;
  }
}

function make(kind: PiiKind, n: number): string {
  switch (kind) {
    case 'email':
      return `user-${n}@example.invalid`;
    case 'phone':
      return `+7${String(n).padStart(10, '0')}`;
    case 'name':
      return `Name-${n}`;
    case 'text':
      return `text-${n}`;
  }
}
