/** Diagnostics as compilers print them, one per line on stdout; the summary goes to stderr. */
import type { Io } from '../../../core/io/io.js';
import type { FieldsLintReport } from './fields-lint-run.js';

export function diagnosticLine(
  file: string,
  d: { line: number; col: number; severity: string; message: string },
): string {
  return `${file}:${d.line}:${d.col}: ${d.severity === 'warning' ? 'warning: ' : ''}${d.message}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function renderFieldsLint(report: FieldsLintReport, io: Io): void {
  for (const d of report.diagnostics) io.out(diagnosticLine(report.file, d));
  if (report.valid) {
    const keys = report.values.map((v) => v.key).join(', ');
    const warn = report.warnings ? `, ${plural(report.warnings, 'warning')}` : '';
    io.info(
      io.ce.green(`${report.file}: valid, ${plural(report.values.length, 'value')}${keys ? ` (${keys})` : ''}${warn}`),
    );
  } else {
    io.info(
      io.ce.red(`${report.file}: invalid, ${plural(report.errors, 'error')}, ${plural(report.warnings, 'warning')}`),
    );
  }
}
