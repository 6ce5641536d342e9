/** Text output of `events` and `events show` (stdout: data only; the legend goes to stderr). */
import { textOf } from '../../core/text.js';
import { basename } from 'node:path';
import type { Io } from '../../core/io/io.js';
import { table } from '../../core/io/table.js';
import type { EventDescription, EventRow } from './describe.js';

function mark(row: EventRow): string {
  if (row.source !== 'user') return '';
  return row.overrides ? ' *' : ' +';
}

export function renderEventList(rows: EventRow[], io: Io, userDir?: string): void {
  const lines = table(
    ['NAME', 'HELPDESK', 'PROVENANCE', 'CONTENT TYPE', 'DESCRIPTION'],
    rows.map((r) => [
      r.name + mark(r),
      r.helpdesk,
      r.provenance,
      r.contentType + (r.accepts.length > 1 ? ` (+${r.accepts.filter((a) => a !== r.encoding).join(',')})` : ''),
      r.description,
    ]),
  );
  io.out(io.c.bold(lines[0]!));
  for (const l of lines.slice(1)) io.out(l);
  const user = rows.filter((r) => r.source === 'user');
  if (user.length > 0) io.info(`* overrides a shipped event, + added: user samples in ${userDir ?? '.omnibot/events'}`);
  else
    io.info(`No user samples${userDir ? ` in ${userDir}` : ''}; \`omnibot events promote\` turns a capture into one.`);
}

function shown(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = textOf(value).replace(/\s+/g, ' ');
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}

export function renderEventDescription(d: EventDescription, io: Io): void {
  io.out(`${io.c.bold(d.name)}  (${d.helpdesk}, ${d.provenance})`);
  if (d.description) io.out(d.description);
  const also = d.accepts.filter((a) => a !== d.encoding);
  io.out(`Content type: ${d.sample.contentType}${also.length ? ` (also accepts ${also.join(', ')})` : ''}`);
  const overrides = d.overrides ? ' (overrides the shipped event)' : '';
  const source =
    d.source === 'user' ? `user sample ${d.file}${overrides}` : `shipped, templates/events/${basename(d.file)}`;
  io.out(`Source: ${source}`);
  if (d.note) io.out(`Note: ${d.note}`);
  io.out('');
  io.out(io.c.bold('Fields (use these paths with --set):'));
  const withTags = d.fields.some((f) => f.tag);
  const withProvenance = d.fields.some((f) => f.provenance);
  const columns: Array<[string, (f: EventDescription['fields'][number]) => string, boolean]> = [
    ['PATH', (f) => f.name, true],
    ['TYPE', (f) => f.type, true],
    ['REQUIRED', (f) => (f.required ? 'yes' : 'no'), true],
    ['TAG', (f) => (f.tag ? `{${f.tag}}` : ''), withTags],
    ['PROVENANCE', (f) => f.provenance ?? '', withProvenance],
    ['SAMPLE', (f) => (f.fixed !== undefined ? `${shown(f.fixed)} (fixed)` : shown(f.sample)), true],
  ];
  const used = columns.filter(([, , on]) => on);
  const lines = table(
    used.map(([h]) => h),
    d.fields.map((f) => used.map(([, cell]) => cell(f))),
  );
  for (const l of lines) io.out(`  ${l}`);
  const refs = d.fields.filter((f) => f.ref);
  if (refs.length) {
    io.out('');
    io.out(io.c.bold('Sources (reference facts):'));
    for (const f of refs) io.out(`  ${f.name}: ${f.ref}`);
  }
  io.out('');
  io.out(io.c.bold('Sample body:'));
  io.out(d.sample.body);
}
