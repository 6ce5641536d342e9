/**
 * `verify --reporter html`: one self-contained page (styles inline, no script, no URL to fetch)
 * that a CI run keeps as an artifact: the verdict and counts, every check with its message,
 * probable cause, hint and the step to revisit, and the round trip drawn as a sequence diagram
 * with the failing hop marked. It reads well in light and dark themes and prints.
 */
import { escapeHtml as esc } from '../../core/html.js';
import { formatDuration } from '../../core/duration.js';
import { stepText, type CheckResult } from '../check.js';
import type { VerifyReport } from '../report.js';
import { sequenceDiagram } from './sequence-diagram.js';

const MARK = { pass: '✓', warn: '!', fail: '✗', skip: '–' } as const;

const STYLE = `
:root{--bg:#fff;--fg:#1d2127;--muted:#68707c;--line:#e3e6ea;--ok:#17803d;--bad:#c0262d;--warn:#a25c00;--card:#f6f7f9}
@media (prefers-color-scheme:dark){:root{--bg:#15181c;--fg:#e4e7eb;--muted:#98a1ad;--line:#2c3138;--ok:#4cc37a;
--bad:#ff6b6b;--warn:#f0b44c;--card:#1d2126}}
body{margin:0 auto;max-width:960px;padding:24px;font:14px/1.45 system-ui,sans-serif;background:var(--bg);
color:var(--fg)}
h1{font-size:20px;margin:0 0 4px}h2{font-size:16px;margin:28px 0 10px}.muted{color:var(--muted)}
.verdict{font-size:15px;font-weight:600}.pass{color:var(--ok)}.fail{color:var(--bad)}.warn{color:var(--warn)}
.skip{color:var(--muted)}.counts span{margin-right:14px}
.check{border:1px solid var(--line);border-radius:6px;padding:8px 12px;margin:6px 0;background:var(--card)}
.check .head{display:flex;gap:10px;align-items:baseline}.check .id{font-family:ui-monospace,monospace;font-size:12px}
.check .time{margin-left:auto;color:var(--muted);font-size:12px}.check dl{margin:6px 0 0;display:grid;
grid-template-columns:max-content 1fr;gap:2px 10px}.check dt{color:var(--muted)}.check dd{margin:0}
svg.sequence{max-width:100%;height:auto;color:var(--fg)}svg .lane{fill:var(--card);stroke:var(--line)}
svg .lane-name{font-weight:600;fill:var(--fg)}svg .life{stroke:var(--line);stroke-dasharray:3 3}
svg .arrow{stroke:currentColor;fill:none;stroke-width:1.5}svg .label{fill:var(--fg);font-size:12px}
svg .when{fill:var(--muted);font-size:11px}svg .failed{color:var(--bad)}svg .failed .arrow{stroke-dasharray:6 4}
svg .failed .label{fill:var(--bad);font-weight:600}
`;

function checkHtml(c: CheckResult): string {
  const details: Array<[string, string | undefined]> = [
    ['message', c.status !== 'pass' ? c.message : undefined],
    ['probable cause', c.cause],
    ['revisit', c.step ? `${stepText(c.step)} (omnibot steps)` : undefined],
    ['hint', c.hint],
  ];
  const rows = details.filter(([, v]) => v).map(([k, v]) => `<dt>${k}</dt><dd>${esc(v!)}</dd>`);
  const passNote = c.status === 'pass' && c.message ? `<div class="muted">${esc(c.message)}</div>` : '';
  return (
    `<div class="check ${c.status}" data-check="${esc(c.id)}" data-status="${c.status}">` +
    `<div class="head"><span class="${c.status}">${MARK[c.status]}</span><span class="id">${esc(c.id)}</span>` +
    `<span>${esc(c.title)}</span><span class="time">${esc(formatDuration(c.durationMs))}</span></div>` +
    passNote +
    (rows.length ? `<dl>${rows.join('')}</dl>` : '') +
    '</div>'
  );
}

export function renderHtml(report: VerifyReport): string {
  const s = report.summary;
  const verdict = report.ok ? '<span class="pass">verify passed</span>' : '<span class="fail">verify failed</span>';
  // All four counts, zeros muted: a reader comparing two runs' pages finds each number in one place.
  const counts = (
    [
      ['pass', s.passed, 'passed'],
      ['fail', s.failed, 'failed'],
      ['skip', s.skipped, 'skipped'],
      ['warn', s.warned, 'with warnings'],
    ] as const
  )
    .map(([cls, n, word]) => `<span class="${n ? cls : 'muted'}" data-count="${cls}">${n} ${word}</span>`)
    .join('');
  const roundTrip = report.timeline.length || report.checks.some((c) => /\/e2e-/.test(c.id));
  const diagram = roundTrip
    ? sequenceDiagram(report.timeline, report.checks)
    : '<p class="muted">No round trip ran (it runs with <code>omnibot verify --e2e</code>).</p>';
  const lists = [
    report.confirmed.length ? `<p>Confirmed by this round trip: ${report.confirmed.map(esc).join(', ')}</p>` : '',
    report.revoked.length ? `<p class="fail">Confirmation taken back: ${report.revoked.map(esc).join(', ')}</p>` : '',
  ].join('');
  const meta = [report.startedAt, formatDuration(report.durationMs), `run ${report.runId}`]
    .concat(report.e2e ? ['with the round trip'] : [])
    .map(esc)
    .join(' · ');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>omnibot verify: ${report.ok ? 'passed' : 'failed'}</title><style>${STYLE}</style></head>
<body>
<h1>omnibot verify</h1>
<p class="muted">${meta}</p>
<p class="verdict" data-ok="${report.ok}">${verdict}</p>
<p class="counts">${counts}</p>
<h2>Round trip</h2>
${diagram}
${lists}
<h2>Checks</h2>
${report.checks.map(checkHtml).join('\n')}
</body></html>
`;
}
