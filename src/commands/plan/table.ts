/** A plain aligned table for stdout; colour is applied after padding so widths stay right. */
import type { ChalkInstance } from 'chalk';
import type { ResourceStatus } from '../../model/resource.js';

export function table(header: string[], rows: string[][], color?: (row: number, col: number, cell: string) => string): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[], row: number) =>
    cells
      .map((cell, i) => {
        const padded = i === cells.length - 1 ? cell : cell.padEnd(widths[i]!);
        return row >= 0 && color ? color(row, i, padded) : padded;
      })
      .join('  ')
      .trimEnd();
  return [line(header, -1), ...rows.map((r, i) => line(r, i))];
}

export function statusColor(c: ChalkInstance, status: ResourceStatus, text: string): string {
  if (status === 'ok') return c.green(text);
  if (status === 'create') return c.cyan(text);
  if (status === 'manual') return c.yellow(text);
  return c.red(text);
}
