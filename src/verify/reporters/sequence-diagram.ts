/**
 * The round trip as a sequence diagram in inline SVG: three lanes (the helpdesk, its rule or
 * dispatcher or channel, the bot), one arrow per timeline event with the time since the one
 * before, and the hop where the round trip broke drawn red and dashed with the failure on it.
 * It reads only the report, so it draws the same picture from a JSON report kept in CI.
 */
import { escapeHtml as esc } from '../../core/html.js';
import type { CheckResult } from '../check.js';
import type { TimelineEvent, TimelineKind } from '../timeline.js';

type Lane = 0 | 1 | 2;
interface Arrow {
  from: Lane;
  to: Lane;
  label: string;
  /** Milliseconds since the round trip began; undefined for the failed hop. */
  at?: number;
  delta?: number;
  failed?: boolean;
}

/** Which lanes an observed event joins. */
const BY_KIND: Partial<Record<TimelineKind, [Lane, Lane]>> = {
  'case-created': [0, 0],
  'rule-fired': [0, 1],
  'label-added': [1, 0],
  'webhook-delivered': [1, 2],
  'bot-replied': [2, 0],
  message: [2, 0],
  note: [2, 0],
  'user-replied': [0, 1],
  assigned: [2, 0],
  'hand-off': [2, 0],
  'label-removed': [2, 0],
  'status-changed': [0, 0],
  'cleaned-up': [0, 0],
};

/** Where each round-trip check's hop runs, by the end of its id (`wikibot/e2e-rule` → rule). */
const BY_CHECK: Array<[RegExp, [Lane, Lane], string]> = [
  [/e2e-(case|ticket)$/, [0, 0], 'test case'],
  [/e2e-rule$/, [0, 1], 'rule fires'],
  [/e2e-message-new$/, [0, 2], 'message to the bot'],
  [/e2e-reply$/, [1, 2], 'webhook → bot replies'],
  [/e2e-user-reply$/, [0, 1], 'customer writes again'],
  [/e2e-handoff$/, [2, 0], 'hand-off to an agent'],
  [/e2e-loop-guard$/, [1, 2], 'no webhook for the bot’s own post'],
  [/e2e-cleanup$/, [0, 0], 'clean-up'],
];

export function laneNames(checks: CheckResult[]): [string, string, string] {
  const ids = checks.map((c) => c.id).join(' ');
  const middle = /e2e-(ticket|loop-guard)/.test(ids) ? 'dispatcher' : /e2e-message-new/.test(ids) ? 'channel' : 'rule';
  const desk = /e2e-(ticket|loop-guard)/.test(ids) ? 'HelpDeskEddy' : 'Omnidesk';
  return [desk, middle, 'bot'];
}

export function arrowsOf(timeline: TimelineEvent[], checks: CheckResult[]): Arrow[] {
  const arrows: Arrow[] = [];
  let previous = 0;
  for (const event of timeline) {
    const lanes = BY_KIND[event.kind];
    if (!lanes) continue;
    arrows.push({
      from: lanes[0],
      to: lanes[1],
      label: event.text,
      at: event.elapsedMs,
      delta: event.elapsedMs - previous,
    });
    previous = event.elapsedMs;
  }
  const broken = checks.find((c) => c.status === 'fail' && /\/e2e-/.test(c.id));
  if (broken) {
    const hop = BY_CHECK.find(([pattern]) => pattern.test(broken.id));
    const [from, to] = hop?.[1] ?? [0, 2];
    const failed = { from, to, label: `✗ ${hop?.[2] ?? broken.title}: ${broken.message ?? 'failed'}`, failed: true };
    // Where the hop belonged: before the clean-up that follows any round trip, pass or fail.
    const cleanup = timeline.filter((e) => BY_KIND[e.kind]).findIndex((e) => e.kind === 'cleaned-up');
    arrows.splice(cleanup === -1 ? arrows.length : cleanup, 0, failed);
  }
  return arrows;
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export function sequenceDiagram(timeline: TimelineEvent[], checks: CheckResult[]): string {
  const arrows = arrowsOf(timeline, checks);
  const names = laneNames(checks);
  const x = [150, 430, 710];
  const top = 56;
  const step = 46;
  const height = top + arrows.length * step + 30;
  const parts: string[] = [
    `<svg class="sequence" viewBox="0 0 860 ${height}" width="860" height="${height}" role="img" ` +
      `aria-label="The round trip as a sequence of hops">`,
    '<defs><marker id="head" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" ' +
      'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="currentColor"/></marker></defs>',
  ];
  names.forEach((name, i) => {
    parts.push(
      `<g data-lane="${esc(name)}"><rect x="${x[i]! - 70}" y="8" width="140" height="30" rx="5" class="lane"/>` +
        `<text x="${x[i]}" y="28" text-anchor="middle" class="lane-name">${esc(name)}</text>` +
        `<line x1="${x[i]}" y1="38" x2="${x[i]}" y2="${height - 10}" class="life"/></g>`,
    );
  });
  arrows.forEach((a, i) => {
    const y = top + i * step + 22;
    const cls = a.failed ? 'hop failed' : 'hop';
    // Lane names on the hop let a test (or a reader of the source) tell which hop broke without geometry.
    const hop = a.failed ? 'failed' : 'ok';
    const attrs = ` data-from="${esc(names[a.from])}" data-to="${esc(names[a.to])}" data-hop="${hop}"`;
    const when = a.at === undefined ? '' : `+${Math.round(a.delta ?? 0)} ms`;
    const label = esc(clip(a.label, 90));
    parts.push(`<g class="${cls}"${attrs}>`);
    if (when) parts.push(`<text x="8" y="${y + 4}" class="when">${esc(when)}</text>`);
    if (a.from === a.to) {
      const x0 = x[a.from]!;
      parts.push(
        `<path d="M${x0},${y - 8} h34 v16 h-30" class="arrow" marker-end="url(#head)"/>` +
          `<text x="${x0 + 42}" y="${y + 4}" class="label">${label}</text>`,
      );
    } else {
      const [x1, x2] = [x[a.from]!, x[a.to]!];
      parts.push(
        `<line x1="${x1}" y1="${y}" x2="${x2 + (x2 > x1 ? -4 : 4)}" y2="${y}" class="arrow" marker-end="url(#head)"/>` +
          `<text x="${(x1 + x2) / 2}" y="${y - 7}" text-anchor="middle" class="label">${label}</text>`,
      );
    }
    parts.push('</g>');
  });
  parts.push('</svg>');
  return parts.join('\n');
}
