/**
 * The demo's closing words: the checks in one line each and a verdict with the time, then
 * where to go next. Short on purpose: it is the first thing a new user sees.
 */
import type { Io } from '../../core/io/io.js';
import { formatDuration } from '../../core/duration.js';
import { renderCheckLine, renderFailureDetail } from '../../verify/reporters/human.js';
import type { DemoResult } from './run.js';

export function renderDemo(result: DemoResult, io: Io): void {
  const c = io.c;
  const checks = result.verify.checks;
  const width = Math.max(...checks.map((r) => r.id.length));
  io.out('');
  for (const check of checks) {
    io.out(renderCheckLine(check, c, width));
    if (check.status === 'fail') for (const line of renderFailureDetail(check, c)) io.out(line);
  }
  const s = result.verify.summary;
  io.out('');
  if (result.ok) {
    io.out(
      `${c.green('✓ demo passed')}: ${s.passed} of ${s.total} checks, the round trip included, in ` +
        `${formatDuration(result.durationMs)}.`,
    );
    io.out(
      `Next: ${c.bold('omnibot init')} connects your own helpdesk; ${c.bold('omnibot verify --e2e')} proves it works.`,
    );
  } else {
    io.out(
      `${c.red('✗ demo failed')}: ${s.failed} of ${s.total} checks failed (${formatDuration(result.durationMs)}). ` +
        `This is a bug in omnibot; please report it.`,
    );
  }
}

export function renderKept(result: DemoResult, io: Io): void {
  io.info('');
  io.info(`The sandbox and the reference bot keep running. In another terminal, try:`);
  io.info(`  omnibot plan --config ${result.configFile}`);
  io.info(`  omnibot verify --e2e --config ${result.configFile}`);
  io.info('Ctrl-C stops them and removes the demo folder.');
}
