/**
 * "Did you mean" for every name a user types (commands, events, recipes, integrations, config
 * keys): the closest known names by edit distance, close enough to be a typo and not a guess.
 */

/** Damerau–Levenshtein distance (with adjacent swaps: `chnaged` is one edit from `changed`). */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * The known names close to `typed`, best first: within a third of the name's length (at least
 * one edit, at most three), or the ones `typed` is a prefix of (`omnidesk.incomin`).
 */
export function closest(typed: string, known: Iterable<string>, max = 3): string[] {
  const t = typed.toLowerCase();
  const limit = Math.min(3, Math.max(1, Math.floor(t.length / 3)));
  const scored: Array<[string, number]> = [];
  for (const name of new Set(known)) {
    const n = name.toLowerCase();
    const distance = n.startsWith(t) && t.length >= 3 ? 0.5 : editDistance(t, n);
    if (distance <= limit) scored.push([name, distance]);
  }
  return scored
    .sort((x, y) => x[1] - y[1] || x[0].localeCompare(y[0]))
    .slice(0, max)
    .map(([name]) => name);
}

/** ` (did you mean "verify"?)`, or '' when nothing is close. */
export function didYouMean(typed: string, known: Iterable<string>): string {
  const near = closest(typed, known);
  if (!near.length) return '';
  return ` (did you mean ${near.map((n) => `"${n}"`).join(' or ')}?)`;
}
