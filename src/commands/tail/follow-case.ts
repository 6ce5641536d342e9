/**
 * `omnibot tail --case <id>`: follows one Omnidesk case the way the round trip's timeline shows
 * it (messages and notes, labels added and removed, the assignee, the status, rules that fired),
 * polling within the account's rate limit until Ctrl-C. The lines are the command's data, so
 * they go to stdout: text, or NDJSON timeline events with --json.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Context } from '../../kit/context.js';
import { lazyClients } from '../../helpdesks/clients.js';
import { ApiError, ConfigError, EXIT, UsageError } from '../../core/errors.js';
import type { OmnideskApi } from '../../helpdesks/omnidesk/client/types.js';
import { diffCase, type CaseSnapshot, type Names } from './case-diff.js';
import { pollInterval } from '../../verify/poll.js';
import { formatTimelineEvent, Timeline } from '../../verify/timeline.js';

export interface TailCaseOptions {
  caseId: string;
  json?: boolean;
  /** The least time between two looks (default 2 s); the rate limit may make it longer. */
  intervalMs?: number;
}

const CALLS_PER_ROUND = 3;

async function snapshot(api: OmnideskApi, id: number): Promise<CaseSnapshot> {
  const [c, messages, changelog] = await Promise.all([
    api.getCase(id),
    api.listMessages(id),
    api.getChangelog(id).catch(() => []),
  ]);
  return { case: c, messages, changelog };
}

/** Label titles and staff e-mails, re-read when an id shows up that was not there before. */
function nameBook(api: OmnideskApi) {
  const labels = new Map<number, string>();
  const staff = new Map<number, string>();
  return {
    async refresh(snap: CaseSnapshot) {
      const ids = [...snap.case.labels];
      if (ids.some((id) => !labels.has(id)))
        for (const l of await api.listLabels()) labels.set(l.label_id, l.label_title);
      const people = [snap.case.staff_id, ...snap.messages.map((m) => m.staff_id)].filter((id) => id > 0);
      if (people.some((id) => !staff.has(id)))
        for (const s of await api.listStaff()) staff.set(s.staff_id, s.staff_email);
    },
    names: {
      label: (id: number) => labels.get(id) ?? `#${id}`,
      staff: (id: number) => staff.get(id) ?? `staff #${id}`,
    } satisfies Names,
  };
}

function gone(err: unknown): boolean {
  return err instanceof ApiError && (err.status === 404 || err.apiCode === 'case_not_found');
}

export async function tailCase(options: TailCaseOptions, ctx: Context): Promise<number> {
  if (!/^\d+$/.test(options.caseId.trim())) {
    throw new UsageError(`--case: "${options.caseId}" is not a case id`, {
      hint: 'Give the numeric case_id, e.g. --case 88120045.',
      details: { flag: '--case' },
    });
  }
  const id = Number(options.caseId.trim());
  const loaded = await ctx.loadConfig();
  const config = loaded.config!;
  if (!config.omnidesk) {
    throw new ConfigError('tail --case follows Omnidesk cases, and the config has no "omnidesk" section', {
      code: 'config_invalid',
    });
  }
  // Not bound to ctx.signal: Ctrl-C ends the wait between looks, and the command returns 0.
  const api = await lazyClients(
    config,
    {},
    {
      log: (line) => ctx.io.debug(line),
      progress: (line) => ctx.io.progress(line),
    },
  ).get('omnidesk');
  const json = options.json ?? ctx.io.json;
  const timeline = new Timeline((event) => (json ? ctx.io.printNdjson(event) : ctx.io.out(formatTimelineEvent(event))));
  const book = nameBook(api);
  const minIntervalMs = options.intervalMs ?? 2_000;

  let prev = await snapshot(api, id);
  await book.refresh(prev);
  const c = prev.case;
  const labels = c.labels.map((l) => `«${book.names.label(l)}»`).join(', ') || 'none';
  ctx.io.info(
    `following case #${c.case_id} «${c.subject}»: ${c.status}, ` +
      `${c.staff_id > 0 ? `assigned to ${book.names.staff(c.staff_id)}` : 'unassigned'}, labels ${labels} (Ctrl-C ` +
      `stops)`,
  );
  for (const change of diffCase(undefined, prev, book.names))
    timeline.add(change.kind, change.text, { caseId: id, data: change.data });

  while (!ctx.signal.aborted) {
    const waitMs = Math.max(minIntervalMs, pollInterval(api.rate(), { callsPerRound: CALLS_PER_ROUND, minIntervalMs }));
    await sleep(waitMs, undefined, { signal: ctx.signal }).catch(() => undefined); // Ctrl-C ends the wait, not the run
    if (ctx.signal.aborted) break;
    let next: CaseSnapshot;
    try {
      next = await snapshot(api, id);
    } catch (err) {
      if (!gone(err)) throw err;
      timeline.add('status-changed', `case #${id} is gone (deleted)`, { caseId: id });
      break;
    }
    await book.refresh(next);
    for (const change of diffCase(prev, next, book.names))
      timeline.add(change.kind, change.text, { caseId: id, data: change.data });
    prev = next;
  }
  return EXIT.ok;
}
