/** The status map as a table on stdout; hints for unknown answers as warnings on stderr. */
import type { Io } from '../../../core/io/io.js';
import { table } from '../../../core/io/table.js';
import type { StatusMapReport } from './status-map-run.js';
import type { StatusMapRow } from '../status-map.js';

function omnideskStatus(row: StatusMapRow): string {
  if (row.statusTitle !== undefined) return `${row.statusTitle} (${row.statusId})`;
  return row.statusId !== undefined ? `? (${row.statusId})` : '—';
}

function chaportText(row: StatusMapRow): string {
  if (row.chaport === 'offline' && row.afterMinutes) return `offline after ${row.afterMinutes} min`;
  return row.chaport;
}

export function renderStatusMap(report: StatusMapReport, io: Io): void {
  const rows = report.rows.map((r) => [
    `${r.email}${r.active ? '' : ' (disabled)'}`,
    omnideskStatus(r),
    chaportText(r),
    r.source,
  ]);
  for (const line of table(['STAFF', 'OMNIDESK STATUS', 'CHAPORT', 'SOURCE'], rows)) io.out(line);
  for (const r of report.rows) if (r.source === 'unknown' && r.hint) io.warn(`${r.email}: ${r.hint}`);
  for (const key of report.unusedConfigKeys)
    io.warn(`statuses["${key}"] in the config matches no staff status (by id or title)`);
}
