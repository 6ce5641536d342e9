/**
 * Reads the staff and the staff statuses and maps each staff member to a Chaport status. The
 * chaport integration of the config supplies what the API cannot (custom statuses' chat
 * access) and the offline delay; without one, defaults apply and custom statuses stay unknown.
 */
import { ConfigError, UsageError } from '../../../core/errors.js';
import type { ChaportIntegration } from '../schema.js';
import type { Config } from '../../../model/config.js';
import type { Context } from '../../../kit/context.js';
import { lazyClients } from '../../../helpdesks/clients.js';
import { buildStatusMap, type StatusMapRow } from '../status-map.js';

export interface StatusMapReport {
  integration?: string;
  offlineDelayMinutes: number;
  rows: StatusMapRow[];
  unusedConfigKeys: string[];
}

const DEFAULT_DELAY = 5;

export function pickIntegration(config: Config, name: string | undefined): ChaportIntegration | undefined {
  const all = config.integrations.filter((it): it is ChaportIntegration => it.recipe === 'chaport');
  if (name !== undefined) {
    const found = all.find((it) => it.name === name);
    if (!found) {
      const known = all.map((it) => it.name).join(', ') || 'none';
      throw new UsageError(`--integration: no chaport integration named "${name}" (chaport integrations: ${known})`);
    }
    return found;
  }
  if (all.length > 1) {
    throw new UsageError(
      `--integration: the config has ${all.length} chaport integrations (${all.map((it) => it.name).join(', ')}); ` +
        `name one`,
    );
  }
  return all[0];
}

export async function runStatusMap(options: { integration?: string }, ctx: Context): Promise<StatusMapReport> {
  const { config } = await ctx.loadConfig();
  if (!config?.omnidesk) {
    throw new ConfigError('the config has no "omnidesk" section; status-map reads the staff through the Omnidesk API', {
      hint: 'Add omnidesk.url, omnidesk.email and omnidesk.apiKey (see `omnibot init`).',
    });
  }
  const it = pickIntegration(config, options.integration);
  if (!it)
    ctx.io.warn(
      'the config has no chaport integration: custom statuses stay unknown and the offline delay is 5 minutes',
    );
  const api = await lazyClients(
    config,
    {},
    {
      signal: ctx.signal,
      log: (line) => ctx.io.debug(line),
      progress: (line) => ctx.io.progress(line),
    },
  ).get('omnidesk');
  const [staff, statuses] = await Promise.all([api.listStaff(), api.listStaffStatuses()]);
  const offlineDelayMinutes = it?.offlineDelayMinutes ?? DEFAULT_DELAY;
  const map = buildStatusMap(staff, statuses, {
    statuses: it?.statuses ?? {},
    offlineDelayMinutes,
    integration: it?.name,
  });
  return {
    ...(it ? { integration: it.name } : {}),
    offlineDelayMinutes,
    rows: map.rows,
    unusedConfigKeys: map.unusedConfigKeys,
  };
}
