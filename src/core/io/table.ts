/**
 * The one column aligner for text output (`plan`, `apply`, `events`, `chaport status-map`, init's
 * next steps): cells padded to the widest of their column, two spaces apart, the last column
 * never padded. Colour is applied after padding so widths stay right.
 */

type Color = (row: number, col: number, cell: string) => string;

function aligner(all: string[][]): (cells: string[], row: number, color?: Color) => string {
  const count = Math.max(0, ...all.map((r) => r.length));
  const widths = Array.from({ length: count }, (_, i) => Math.max(0, ...all.map((r) => (r[i] ?? '').length)));
  return (cells, row, color) =>
    cells
      .map((cell, i) => {
        const padded = i === cells.length - 1 ? cell : cell.padEnd(widths[i]!);
        return row >= 0 && color ? color(row, i, padded) : padded;
      })
      .join('  ')
      .trimEnd();
}

/** A header line and one line per row; `color` sees every body cell already padded. */
export function table(header: string[], rows: string[][], color?: Color): string[] {
  const line = aligner([header, ...rows]);
  return [line(header, -1), ...rows.map((r, i) => line(r, i, color))];
}

/** Rows aligned as a table without a header (a list of commands and what each does). */
export function columns(rows: string[][]): string[] {
  const line = aligner(rows);
  return rows.map((r, i) => line(r, i));
}
