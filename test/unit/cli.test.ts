/**
 * main() as a table: argv → what commander parsed (the handler does not run: gh's runF), and
 * argv → exit code and the one message on stderr. In-process, in a folder of the test's own
 * with no config, so every failure here happens before any network or file is touched.
 */
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { parseCli, runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ dir, cleanup } = await tempDir()));
afterAll(() => cleanup());

// Commander's defaults for the global negatable flags, present in every parse.
const GLOBAL = { color: true, input: true };

describe('argv → parsed command', () => {
  it.each<[string[], string[], unknown[], Record<string, unknown>]>([
    [['plan', '--json', '--detailed-exitcode'], ['plan'], [], { json: true, detailedExitcode: true }],
    [
      ['-c', 'x.json', '--quiet', 'steps', '--format', 'markdown', '--lang', 'en'],
      ['steps'],
      [],
      { config: 'x.json', quiet: true, format: 'markdown', lang: 'en' },
    ],
    [['steps', '--config', 'x.json'], ['steps'], [], { config: 'x.json' }],
    [
      ['send', 'omnidesk.incoming', '--to', 'http://x', '--set', 'a=1', '--set', 'b=2', '--count', '3'],
      ['send'],
      ['omnidesk.incoming'],
      { to: 'http://x', set: ['a=1', 'b=2'], count: '3' },
    ],
    [
      ['events', 'show', 'message_new', '--encoding', 'json'],
      ['events', 'show'],
      ['message_new'],
      { encoding: 'json' },
    ],
    [
      ['listen', '--no-color', '--port', '0', '--capture', 'c.ndjson'],
      ['listen'],
      [],
      { port: '0', capture: 'c.ndjson', color: false, open: true },
    ],
    [
      ['init', '--no-input', '--recipe', 'chaport', '--no-reply-as-note'],
      ['init'],
      [],
      { recipe: 'chaport', replyAsNote: false, input: false, lang: 'ru' },
    ],
    [['apply', '-y', '--dry-run'], ['apply'], [], { yes: true, dryRun: true }],
    [
      ['verify', '--e2e', '--only', 'a', '--only', 'b', '-v'],
      ['verify'],
      [],
      { e2e: true, only: ['a', 'b'], verbose: true, lang: 'ru' },
    ],
    [['token', 'generate', '--name', 'bm', '--print'], ['token', 'generate'], [], { name: 'bm', print: true }],
    [['billmanager', 'fields', 'lint', 'f.json'], ['billmanager', 'fields', 'lint'], ['f.json'], {}],
    [['tail', 'f.ndjson', '--follow'], ['tail'], ['f.ndjson'], { follow: true }],
    [
      ['replay', 'f.ndjson', '--to', 'http://x', '--since', '10m', '--header', 'A: b', '--header', 'C: d'],
      ['replay'],
      ['f.ndjson'],
      { to: 'http://x', since: '10m', header: ['A: b', 'C: d'] },
    ],
  ])('%j', async (argv, path, args, opts) => {
    const r = await parseCli(argv, { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    expect(r.call).toEqual({ path, args, opts: { ...GLOBAL, ...opts } });
  });
});

describe('argv → exit code and message', () => {
  it.each<[string[], number, RegExp]>([
    // commander: flags, commands, arguments, choices
    [['--bogus'], 2, /^error: unknown option '--bogus'\n\(run with --help for usage\)\n$/],
    [['frobnicate'], 2, /^error: unknown command 'frobnicate'/],
    [['plna'], 2, /Did you mean plan\?/],
    [['send'], 2, /missing required argument 'event'/],
    [['events', 'show'], 2, /missing required argument 'name'/],
    [
      ['steps', '--format', 'pdf'],
      2,
      /'--format <format>' argument 'pdf' is invalid\. Allowed choices are text, markdown, json/,
    ],
    [['init', '--recipe', 'nope'], 2, /'--recipe <name>' argument 'nope' is invalid/],
    [['apply', '--lang', 'de'], 2, /'--lang <lang>' argument 'de' is invalid/],
    [['demo', '--helpdesk', 'zendesk'], 2, /'--helpdesk <name>' argument 'zendesk' is invalid/],
    [['completion', 'powershell'], 2, /'powershell' is invalid for argument 'shell'/],
    [['events', 'nope'], 2, /too many arguments for 'events'/],
    // handlers: each names its flag, file or value
    [['send', 'omnidesk.incoming'], 2, /^error: --to: is required/],
    [
      ['send', 'omnidesk.incoming', '--to', 'http://127.0.0.1:9', '--count', 'x'],
      2,
      /^error: --count: must be a whole number/,
    ],
    [
      ['send', 'nope.event', '--to', 'http://127.0.0.1:9'],
      2,
      /^error: unknown event "nope\.event"\. Known events: .*omnidesk\.incoming/,
    ],
    [['listen', '--port', 'abc'], 2, /^error: --port: must be a whole number/],
    [['listen', '--status', '42'], 2, /^error: --status: must be between 100 and 599/],
    [['sandbox', '--port', '99999'], 2, /^error: --port: must be between 0 and 65535/],
    // Hex, exponents and blanks are typos on every whole-number flag, not 8080, 1000 or 0.
    [['sandbox', '--port', '0x1F90'], 2, /^error: --port: must be a whole number \(decimal digits only\)/],
    [['sandbox', '--hde-port', '1e3'], 2, /^error: --hde-port: must be a whole number/],
    [['sandbox', '--rate-limit', '0x10'], 2, /^error: --rate-limit: must be a whole number/],
    [['listen', '--port', '0x1F90'], 2, /^error: --port: must be a whole number/],
    [['listen', '--max-connections', ' 5'], 2, /^error: --max-connections: must be a whole number/],
    [
      ['send', 'omnidesk.incoming', '--to', 'http://127.0.0.1:9', '--concurrency', '0x2'],
      2,
      /^error: --concurrency: must be a whole number/,
    ],
    [
      ['send', 'omnidesk.incoming', '--to', 'http://127.0.0.1:9', '--count', ''],
      2,
      /^error: --count: must be a whole number/,
    ],
    [
      ['replay', 'f.ndjson', '--to', 'http://x', '--concurrency', '0b11'],
      2,
      /^error: --concurrency: must be a whole number/,
    ],
    [
      ['replay', 'f.ndjson', '--to', 'http://x', '--since', 'last tuesday'],
      2,
      /^error: --since: "last tuesday" is neither an ISO 8601 time nor a duration ago/,
    ],
    [
      ['replay', 'missing.ndjson', '--to', 'http://127.0.0.1:9'],
      2,
      /^error: capture file .*missing\.ndjson cannot be read: ENOENT/,
    ],
    [['capture', 'redact', 'missing.ndjson'], 2, /missing\.ndjson cannot be read: ENOENT/],
    [['billmanager', 'fields', 'lint', 'nope.json'], 2, /^error: cannot read nope\.json: no such file/],
    [['verify', '--timeout', 'soon'], 2, /^error: --timeout: "soon" is not a duration/],
    [['tail'], 2, /^error: tail: which capture file\?/],
    [['tail', 'x.ndjson', '--case', '5'], 2, /^error: tail: give a capture file or --case <id>, not both/],
    [['plan'], 2, /^error: No omnibot config found in .* or above\.\n {2}hint: Run `omnibot init`/],
    [['plan', '--config', 'nope.json'], 2, /^error: Config file not found: nope\.json/],
    [
      ['init', '--no-input'],
      2,
      /^error: init: missing --url, --email, --agent, --label, --webhook-url, and no terminal to ask/,
    ],
    [['plan', '--json'], 2, /^\{"error":\{.*"exitCode":2/],
  ])('%j → %i', async (argv, code, message) => {
    const r = await runCli(argv, { cwd: dir });
    expect(r.exitCode).toBe(code);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at .*:\d+/);
    expect(r.stdout).toBe('');
  });

  it.each([[['--version']], [['-V']], [['--no-color', '--version']]])(
    '%j prints the package version and returns 0',
    async (argv) => {
      const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
        version: string;
      };
      expect(await runCli(argv)).toEqual({ exitCode: 0, stdout: `${version}\n`, stderr: '' });
    },
  );

  it.each([[['--help']], [['help', 'plan']], [['plan', '--help']], [['events', 'show', '--help']]])(
    '%j prints help on stdout and returns 0',
    async (argv) => {
      const r = await runCli(argv);
      expect(r.exitCode).toBe(0);
      expect(r.stdout).toMatch(/^Usage: omnibot/);
      expect(r.stderr).toBe('');
    },
  );

  it('prints help on stderr and returns 2 when run with no command', async () => {
    const r = await runCli([]);
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Usage: omnibot');
  });

  it('wraps help to the width of the terminal main() is given, not to the process terminal', async () => {
    const help = async (columns: number) => {
      let text = '';
      const stdout = { isTTY: true, columns, write: (s: string) => (text += s) };
      const runtime = {
        stdout,
        stderr: stdout,
        stdin: Readable.from([]),
        env: {},
        cwd: dir,
        signal: new AbortController().signal,
      };
      expect(await main(['--help'], runtime)).toBe(0);
      return text;
    };
    const narrow = (await help(72)).split('\n');
    const wide = (await help(200)).split('\n');
    expect(narrow.length).toBeGreaterThan(wide.length);
    expect(narrow.find((l) => l.includes('--config <file>'))!.length).toBeLessThanOrEqual(72);
    expect(wide.find((l) => l.includes('--config <file>'))!.length).toBeGreaterThan(72);
  });
});
