/** Placeholder until `omnibot tail --case` lands (issue 4). */
import type { Context } from '../context.js';
import { FailedError } from '../errors.js';

export async function tailCase(_options: { caseId: string; json?: boolean; intervalMs?: number }, _ctx: Context): Promise<number> {
  throw new FailedError('omnibot tail --case is not built yet.');
}
