import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/run-cli.js';
import { tempDir } from '../../helpers/temp-dir.js';

const NAMES = [
  'helpdeskeddy.new_reply',
  'helpdeskeddy.new_ticket',
  'omnidesk.changed',
  'omnidesk.incoming',
  'omnidesk.message_new',
];

describe('omnibot events', () => {
  let plain: { dir: string; cleanup: () => Promise<void> };
  let withSamples: { dir: string; cleanup: () => Promise<void> };

  beforeAll(async () => {
    plain = await tempDir();
    withSamples = await tempDir();
    // A config file in the folder: user samples live beside it, found from a subfolder too.
    await writeFile(join(withSamples.dir, '.omnibotrc.json'), JSON.stringify({ integrations: [] }));
    const events = join(withSamples.dir, '.omnibot', 'events');
    await mkdir(events, { recursive: true });
    await mkdir(join(withSamples.dir, 'sub'));
    await writeFile(
      join(events, 'omnidesk.incoming.json'),
      JSON.stringify({
        provenance: 'captured',
        contentType: 'application/json',
        body: '{"id":214000111,"text":"Привет","client":{"id":5654846848}}',
      }),
    );
    await writeFile(
      join(events, 'omnidesk.closed.json'),
      JSON.stringify({
        description: 'Closed-case rule webhook',
        fields: [{ name: 'case_id', type: 'integer', gen: 'omnidesk.case_id' }],
      }),
    );
  });

  afterAll(async () => {
    await plain.cleanup();
    await withSamples.cleanup();
  });

  it('lists the shipped events with provenance and content type', async () => {
    const result = await runCli(['events'], { cwd: plain.dir });
    expect(result.exitCode, result.stderr).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+HELPDESK\s+PROVENANCE\s+CONTENT TYPE\s+DESCRIPTION$/);
    expect(lines.slice(1).map((l) => l.split(/\s+/)[0])).toEqual(NAMES);
    expect(result.stdout).toMatch(/omnidesk\.message_new\s+omnidesk\s+documented\s+application\/x-www-form-urlencoded/);
    expect(result.stdout).toMatch(/omnidesk\.incoming\s+omnidesk\s+observed/);
    expect(result.stdout).toMatch(/helpdeskeddy\.new_ticket\s+helpdeskeddy\s+prescribed/);
  });

  it('--json is one parseable document', async () => {
    const result = await runCli(['events', '--json'], { cwd: plain.dir });
    expect(result.exitCode).toBe(0);
    const rows = JSON.parse(result.stdout) as Array<{ name: string; provenance: string; source: string }>;
    expect(rows.map((r) => r.name)).toEqual(NAMES);
    expect(rows.every((r) => r.source === 'shipped')).toBe(true);
  });

  it('marks user samples: * overrides, + adds', async () => {
    const result = await runCli(['events'], { cwd: join(withSamples.dir, 'sub') });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/omnidesk\.incoming \*\s+omnidesk\s+captured/);
    expect(result.stdout).toMatch(/omnidesk\.closed \+\s+omnidesk\s+inferred/);
    const json = JSON.parse((await runCli(['events', '--json'], { cwd: withSamples.dir })).stdout) as Array<{
      name: string;
      overrides: boolean;
      source: string;
    }>;
    expect(json.find((r) => r.name === 'omnidesk.incoming')).toMatchObject({ source: 'user', overrides: true });
  });

  it('show prints the fields and a sample; --json carries the same', async () => {
    const text = await runCli(['events', 'show', 'helpdeskeddy.new_ticket', '--set', 'ticket_id=1042'], {
      cwd: plain.dir,
    });
    expect(text.exitCode, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/ticket_id\s+string\s+yes\s+\{ticket_id\}\s+1042/);
    expect(text.stdout).toContain('"ticket_id": "1042"');

    const result = await runCli(['events', 'show', 'new_ticket', '--json'], { cwd: plain.dir });
    const shown = JSON.parse(result.stdout) as {
      name: string;
      fields: Array<{ name: string; sample: unknown }>;
      sample: { contentType: string; body: string };
    };
    expect(shown.name).toBe('helpdeskeddy.new_ticket');
    const body = JSON.parse(shown.sample.body) as Record<string, string>;
    expect(Object.keys(body)).toHaveLength(9);
    for (const f of shown.fields) expect(body[f.name]).toBe(f.sample);
  });

  it("show omnidesk.incoming gives each key's provenance and reference fact", async () => {
    const text = await runCli(['events', 'show', 'omnidesk.incoming'], { cwd: plain.dir });
    expect(text.exitCode, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/PATH\s+TYPE\s+REQUIRED\s+PROVENANCE\s+SAMPLE/);
    expect(text.stdout).toMatch(
      /case_description\s+string\s+yes\s+key observed, form observed, label→key inferred\s+<p>/,
    );
    expect(text.stdout).toMatch(/case_id: .*§4\.1a/);
    const shown = JSON.parse(
      (await runCli(['events', 'show', 'omnidesk.incoming', '--json'], { cwd: plain.dir })).stdout,
    ) as {
      fields: Array<{ name: string; provenance: string; ref: string }>;
      sample: { body: string };
    };
    expect(shown.fields.map((f) => [f.name, f.provenance])).toEqual([
      ['case_id', 'key observed, form observed, label→key inferred'],
      ['case_description', 'key observed, form observed, label→key inferred'],
      ['user_id', 'key observed, form observed, label→key inferred'],
    ]);
    expect(JSON.parse(shown.sample.body).case_id).toMatch(/^\d+$/);
  });

  it('show of a user sample gives its captured body verbatim', async () => {
    const result = await runCli(['events', 'show', 'omnidesk.incoming', '--json'], { cwd: withSamples.dir });
    const shown = JSON.parse(result.stdout) as { provenance: string; sample: { body: string } };
    expect(shown.provenance).toBe('captured');
    expect(shown.sample.body).toBe('{"id":214000111,"text":"Привет","client":{"id":5654846848}}');
  });

  it('show of an unknown event is exit 2 listing the events', async () => {
    const result = await runCli(['events', 'show', 'zendesk.ticket'], { cwd: plain.dir });
    expect(result.exitCode).toBe(2);
    for (const name of NAMES) expect(result.stderr).toContain(name);
  });

  it('has help with examples and the promote subcommand', async () => {
    const result = await runCli(['events', '--help'], { cwd: plain.dir });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('Examples:');
    expect(result.stdout).toMatch(/promote/);
    expect(result.stdout).toMatch(/show/);
  });
});
