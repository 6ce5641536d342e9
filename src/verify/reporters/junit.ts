/**
 * JUnit XML, the format every CI system ingests: one `<testsuite>` per integration (plus one for
 * the account-wide checks), one `<testcase>` per check, `<failure>` with the message as the
 * attribute and the cause, step and hint as the body, `<skipped>` for skipped checks.
 */
import { stepText, summarize, type CheckResult } from '../check.js';
import type { VerifyReport } from '../report.js';

/** XML 1.0 forbids most control characters even when escaped; drop them. */
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function xmlEscape(text: string): string {
  return text
    .replace(INVALID_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const seconds = (ms: number) => (ms / 1000).toFixed(3);

export function failureBody(check: CheckResult): string {
  const lines: string[] = [];
  if (check.message) lines.push(check.message);
  if (check.cause) lines.push(`Probable cause: ${check.cause}`);
  if (check.step) lines.push(`Revisit ${stepText(check.step)} (omnibot steps).`);
  if (check.hint) lines.push(`Hint: ${check.hint}`);
  return lines.join('\n');
}

function testcase(check: CheckResult, suite: string): string {
  const attrs =
    `classname="${xmlEscape(`omnibot.${suite}`)}" name="${xmlEscape(`${check.id}: ${check.title}`)}" ` +
    `time="${seconds(check.durationMs)}"`;
  if (check.status === 'pass') return `    <testcase ${attrs}/>`;
  if (check.status === 'warn') {
    // JUnit has no warning: the case passes, and the warning travels in its output, where CI shows it.
    return (
      `    <testcase ${attrs}>\n      <system-out>${xmlEscape(`WARNING: ${failureBody(check)}`)}</system-out>\n    ` +
      `</testcase>`
    );
  }
  if (check.status === 'skip') {
    return (
      `    <testcase ${attrs}>\n      <skipped message="${xmlEscape(check.message ?? 'skipped')}"/>\n    ` +
      `</testcase>`
    );
  }
  const type = check.errorKind ?? 'check';
  return [
    `    <testcase ${attrs}>`,
    `      <failure message="${xmlEscape(check.message ?? 'failed')}" ` +
      `type="${type}">${xmlEscape(failureBody(check))}</failure>`,
    `    </testcase>`,
  ].join('\n');
}

export function renderJunit(report: VerifyReport): string {
  const suites = new Map<string, CheckResult[]>();
  for (const check of report.checks) {
    const name = check.integration ?? 'account';
    if (!suites.has(name)) suites.set(name, []);
    suites.get(name)!.push(check);
  }
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const total = report.summary;
  out.push(
    `<testsuites name="omnibot verify" tests="${total.total}" failures="${total.failed}" errors="0" ` +
      `skipped="${total.skipped}" time="${seconds(report.durationMs)}">`,
  );
  for (const [name, checks] of suites) {
    const s = summarize(checks);
    const time = checks.reduce((sum, c) => sum + c.durationMs, 0);
    out.push(
      `  <testsuite name="${xmlEscape(`omnibot verify: ${name}`)}" tests="${s.total}" failures="${s.failed}" errors="0" skipped="${s.skipped}" time="${seconds(time)}" timestamp="${report.startedAt.replace(/\.\d+Z$/, '')}">`,
    );
    for (const check of checks) out.push(testcase(check, name));
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return out.join('\n') + '\n';
}
