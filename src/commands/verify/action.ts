/**
 * `omnibot verify`: parses the flags, runs the checks (src/verify/run.ts) with the timeline
 * live on stderr, and writes the report: the chosen reporter on stdout, or into --output with
 * the human summary on stdout. Everything written is redacted, the --output file included.
 */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { z } from 'zod';
import { UsageError } from '../../core/errors.js';
import { redact } from '../../core/io/secrets.js';
import { DAY, parseDuration } from '../../core/duration.js';
import { isGithubActions, renderGithubAnnotations } from '../../verify/reporters/github.js';
import { renderHuman } from '../../verify/reporters/human.js';
import { renderJunit } from '../../verify/reporters/junit.js';
import { renderHtml } from '../../verify/reporters/html.js';
import type { VerifyReport } from '../../verify/report.js';
import { DEFAULT_TIMEOUT_MS, runVerify } from '../../engine/verify.js';
import { closeSharedAgent } from '../../core/http/send.js';
import { formatTimelineEvent } from '../../verify/timeline.js';
import { assertWritableFile } from '../../core/io/output-file.js';
import type { Handler } from '../lazy-action.js';
import { parseOptions } from '../../kit/parse-options.js';

const optionsSchema = z.object({
  e2e: z.boolean().optional(),
  only: z.array(z.string().min(1)).optional(),
  timeout: z.string().optional(),
  reporter: z.enum(['human', 'json', 'junit', 'html']).optional(),
  output: z.string().min(1, 'must name a file').optional(),
  html: z.string().min(1, 'must name a file').optional(),
  integration: z.string().min(1).optional(),
  strict: z.boolean().optional(),
  lang: z.enum(['ru', 'en']).default('ru'),
});

export type Reporter = 'human' | 'json' | 'junit' | 'html';

export function parseTimeout(text: string | undefined): number {
  if (text === undefined) return DEFAULT_TIMEOUT_MS;
  return parseDuration(text, '--timeout', { maxMs: DAY });
}

export function renderReport(report: VerifyReport, reporter: Reporter, c: Parameters<typeof renderHuman>[1]): string {
  if (reporter === 'json') return JSON.stringify(report, null, 2) + '\n';
  if (reporter === 'junit') return renderJunit(report);
  if (reporter === 'html') return renderHtml(report);
  return renderHuman(report, c).join('\n') + '\n';
}

const handler: Handler = async ({ opts }, ctx) => {
  const o = parseOptions(optionsSchema, opts);
  const timeoutMs = parseTimeout(o.timeout);
  const reporter: Reporter = o.reporter ?? (ctx.io.json ? 'json' : 'human');
  ctx.defer(closeSharedAgent);
  if (ctx.io.json && reporter !== 'json' && !o.output) {
    throw new UsageError(`--json and --reporter ${reporter} both want stdout`, {
      hint: `Add --output <file> for the ${reporter} report.`,
      details: { flag: '--reporter' },
    });
  }

  if (reporter === 'html' && !o.output) {
    throw new UsageError('--reporter html writes a file: add --output <file>.', {
      hint: 'omnibot verify --e2e --reporter html --output omnibot-report.html',
      details: { flag: '--output' },
    });
  }
  // Before any check runs: a wrong --output path must not cost the whole run.
  if (o.output) await assertWritableFile(resolve(ctx.cwd, o.output), '--output');
  if (o.html) await assertWritableFile(resolve(ctx.cwd, o.html), '--html');

  const { report, exitCode } = await runVerify(
    {
      e2e: o.e2e,
      only: o.only,
      timeoutMs,
      integration: o.integration,
      strict: o.strict,
      lang: o.lang,
      onTimeline: (event) => ctx.io.info(ctx.io.ce.dim('  timeline') + formatTimelineEvent(event)),
      onResult: (result) => ctx.io.debug(`${result.status} ${result.id} (${result.durationMs} ms)`),
    },
    ctx,
  );

  let stdoutReporter: Reporter = reporter;
  if (o.output) {
    const file = resolve(ctx.cwd, o.output);
    await writeFile(file, redact(renderReport(report, reporter, ctx.io.c)));
    ctx.io.info(`verify: ${reporter} report written to ${file}`);
    stdoutReporter = ctx.io.json ? 'json' : 'human';
  }
  if (o.html) {
    // A second report from the same run: CI keeps JUnit for its test view and the page for people.
    const file = resolve(ctx.cwd, o.html);
    await writeFile(file, redact(renderHtml(report)));
    ctx.io.info(`verify: html report written to ${file}`);
  }
  ctx.io.write(renderReport(report, stdoutReporter, ctx.io.c));

  if (isGithubActions(ctx.env)) {
    // Workflow commands are read from the log; stdout stays pure data when it carries JSON or XML.
    const annotate = (line: string) => (stdoutReporter === 'human' ? ctx.io.out(line) : ctx.io.err(line));
    for (const line of renderGithubAnnotations(report)) annotate(line);
  }
  return exitCode;
};

export default handler;
