import type { PlanResult } from '../../engine/types.js';
import type { Io } from '../../core/io/io.js';
import { table } from '../../core/io/table.js';
import { statusColor } from './status-color.js';

export function renderPlan(result: PlanResult, io: Io): void {
  const rows = result.resources.map((r) => [r.integration, r.resource, r.mode, r.status, r.detail]);
  const lines = table(['INTEGRATION', 'RESOURCE', 'MODE', 'STATUS', 'DETAIL'], rows, (row, col, cell) =>
    col === 3 ? statusColor(io.c, result.resources[row]!.status, cell) : cell,
  );
  for (const l of lines) io.out(l);
  const s = result.summary;
  io.out('');
  const notes = s.note > 0 ? ` · ${s.note} advice` : '';
  io.out(`${s.ok} ok · ${s.create} to create · ${s.manual} manual${notes} · ${s.unknown} unknown`);
  if (s.create > 0) io.info('Run `omnibot apply` to create what the API allows.');
  if (s.manual > 0)
    io.info('Manual steps: `omnibot steps` prints them; `omnibot apply` at a terminal walks through them.');
  if (s.unknown > 0) io.warn('Some resources could not be read; see DETAIL.');
}
