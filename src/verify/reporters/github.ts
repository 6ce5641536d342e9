/**
 * GitHub Actions workflow commands: one `::error::` line per failed check, so the failure shows
 * as an annotation on the run's summary page, not only deep in the log.
 */
import { stepText } from '../check.js';
import type { VerifyReport } from '../report.js';

/** Escaping as the runner decodes it: data escapes %, CR, LF; properties also ":" and ",". */
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function isGithubActions(env: NodeJS.ProcessEnv): boolean {
  return env.GITHUB_ACTIONS === 'true';
}

export function renderGithubAnnotations(report: VerifyReport): string[] {
  return report.checks
    .filter((c) => c.status === 'fail' || c.status === 'warn')
    .map((c) => {
      const level = c.status === 'fail' ? 'error' : 'warning';
      const parts = [c.message ?? 'failed'];
      if (c.cause) parts.push(`Probable cause: ${c.cause}`);
      if (c.step) parts.push(`Revisit ${stepText(c.step)} (omnibot steps).`);
      if (c.hint) parts.push(c.hint);
      return `::${level} title=${escapeProperty(`omnibot verify: ${c.id}`)}::${escapeData(parts.join('\n'))}`;
    });
}
