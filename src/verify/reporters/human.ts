/**
 * The default report for people: one line per check, and under each failure what is wrong,
 * the probable cause and the step of `omnibot steps` to revisit. The timeline is printed live
 * on stderr while the round trip runs, so it is not repeated here.
 */
import type { ChalkInstance } from 'chalk';
import { stepText, type CheckResult } from '../check.js';
import { formatDuration } from '../../core/duration.js';
import type { VerifyReport } from '../report.js';

const MARK = { pass: '✓', warn: '!', fail: '✗', skip: '-' } as const;

function mark(status: CheckResult['status'], c: ChalkInstance): string {
  if (status === 'pass') return c.green(MARK.pass);
  if (status === 'fail') return c.red(MARK.fail);
  if (status === 'warn') return c.yellow(MARK.warn);
  return c.dim(MARK.skip);
}

export function renderCheckLine(check: CheckResult, c: ChalkInstance, idWidth = 0): string {
  const id = check.id.padEnd(idWidth);
  const time = c.dim(formatDuration(check.durationMs));
  const base = `  ${mark(check.status, c)} ${id}  ${check.title}`;
  if (check.status === 'skip') return `${base}  ${c.dim(`(${check.message ?? 'skipped'})`)}`;
  return `${base}  ${time}`;
}

export function renderFailureDetail(check: CheckResult, c: ChalkInstance): string[] {
  const lines: string[] = [];
  const indent = '      ';
  if (check.message) lines.push(`${indent}${check.message}`);
  if (check.cause) lines.push(`${indent}${c.dim('probable cause:')} ${check.cause}`);
  if (check.step) lines.push(`${indent}${c.dim('revisit:')} ${stepText(check.step)} ${c.dim('(omnibot steps)')}`);
  if (check.hint) lines.push(`${indent}${c.dim('hint:')} ${check.hint}`);
  return lines;
}

export function renderHuman(report: VerifyReport, c: ChalkInstance): string[] {
  const idWidth = Math.min(40, Math.max(0, ...report.checks.map((r) => r.id.length)));
  const lines: string[] = [];
  for (const check of report.checks) {
    lines.push(renderCheckLine(check, c, idWidth));
    if (check.status === 'fail' || check.status === 'warn') lines.push(...renderFailureDetail(check, c));
    else if (check.status === 'pass' && check.message) lines.push(`      ${c.dim(check.message)}`);
  }
  const s = report.summary;
  const parts = [c.green(`${s.passed} passed`)];
  if (s.failed) parts.push(c.red(`${s.failed} failed`));
  if (s.skipped) parts.push(c.dim(`${s.skipped} skipped`));
  if (s.warned) parts.push(c.yellow(`${s.warned} with warnings`));
  lines.push('');
  lines.push(
    `${report.ok ? c.green('verify passed') : c.red('verify failed')}: ${parts.join(', ')} in ` +
      `${formatDuration(report.durationMs)}`,
  );
  if (report.confirmed.length)
    lines.push(c.dim(`Manual steps confirmed by the round trip: ${report.confirmed.join(', ')}`));
  if (report.revoked.length)
    lines.push(c.yellow(`Confirmation taken back (the round trip failed there): ${report.revoked.join(', ')}`));
  return lines;
}
