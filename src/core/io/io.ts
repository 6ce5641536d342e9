/**
 * The only writer of stdout and stderr. stdout carries data (tables, JSON, NDJSON records);
 * stderr carries progress, warnings and errors. Every write is redacted (see `secrets.ts`).
 */
import { Chalk, type ChalkInstance } from 'chalk';
import { redact } from './secrets.js';
import { startTicker, type Ticker, type TickerOptions } from './ticker.js';

export interface GlobalFlags {
  json?: boolean;
  color?: boolean;
  verbose?: boolean;
  quiet?: boolean;
  input?: boolean;
  config?: string;
  /** Call a HelpDeskEddy account even while a recorded ban is in force. */
  ignoreBan?: boolean;
  /** Make a `.env` that other users can read private (chmod 600) without asking. */
  chmodEnv?: boolean;
}

export interface Writable {
  write(chunk: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface IoStreams {
  stdout: Writable;
  stderr: Writable;
  stdin: { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
}

function isCi(env: NodeJS.ProcessEnv): boolean {
  const ci = env.CI;
  return ci !== undefined && ci !== '' && ci !== '0' && ci !== 'false';
}

function colorLevel(stream: Writable, env: NodeJS.ProcessEnv, flags: GlobalFlags): 0 | 1 | 2 | 3 {
  if (flags.color === false || flags.json) return 0;
  // chalk ignores NO_COLOR, so the rule lives here.
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return 0;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force === '0' || force === 'false' ? 0 : 1;
  if (!stream.isTTY || env.TERM === 'dumb') return 0;
  return 1;
}

export class Io {
  readonly json: boolean;
  readonly verbose: boolean;
  readonly quiet: boolean;
  /** Colours for stdout text. */
  readonly c: ChalkInstance;
  /** Colours for stderr text. */
  readonly ce: ChalkInstance;
  readonly interactive: boolean;
  readonly ci: boolean;

  constructor(
    readonly streams: IoStreams,
    flags: GlobalFlags = {},
  ) {
    this.json = Boolean(flags.json);
    this.verbose = Boolean(flags.verbose);
    this.quiet = Boolean(flags.quiet);
    this.ci = isCi(streams.env);
    this.c = new Chalk({ level: colorLevel(streams.stdout, streams.env, flags) });
    this.ce = new Chalk({ level: colorLevel(streams.stderr, streams.env, flags) });
    this.interactive =
      flags.input !== false &&
      !this.ci &&
      Boolean(streams.stdin.isTTY) &&
      Boolean(streams.stderr.isTTY) &&
      streams.env.OMNIBOT_NO_INPUT === undefined;
  }

  /** Data for stdout, one line. */
  out(line = ''): void {
    this.streams.stdout.write(redact(line) + '\n');
  }

  /** Raw data for stdout (no newline added). */
  write(chunk: string): void {
    this.streams.stdout.write(redact(chunk));
  }

  /**
   * Raw data for stdout without redaction. Only for output the user explicitly asked to carry
   * secrets (`steps --show-secrets`, `token generate --print`).
   */
  writeUnredacted(chunk: string): void {
    this.streams.stdout.write(chunk);
  }

  /** One JSON document on stdout. */
  printJson(data: unknown): void {
    this.streams.stdout.write(redact(JSON.stringify(data, null, 2)) + '\n');
  }

  /** One NDJSON line on stdout. */
  printNdjson(data: unknown): void {
    this.streams.stdout.write(redact(JSON.stringify(data)) + '\n');
  }

  /** Progress and status for people, on stderr; silenced by --quiet. */
  info(line: string): void {
    if (!this.quiet) this.errLine(redact(line));
  }

  /** Whether live progress (tickers, retry notes) is shown: stderr is a terminal, and not --quiet. */
  get showsProgress(): boolean {
    return Boolean(this.streams.stderr.isTTY) && !this.quiet && this.streams.env.TERM !== 'dumb';
  }

  /** A progress note for a person watching (a retry and its reason); nothing on a pipe or in CI logs. */
  progress(line: string): void {
    if (this.showsProgress) this.errLine(redact(this.ce.dim(line)));
  }

  /**
   * A live status line for slow work ("waiting for the rule… 12 s of 60 s") on a terminal's
   * stderr; on a pipe it does nothing. Stop it when the work ends.
   */
  ticker(label: string, options: TickerOptions = {}): Ticker {
    if (!this.showsProgress) return { clear() {}, stop() {} };
    this.activeTicker?.stop();
    const t = startTicker((s) => this.streams.stderr.write(s), redact(label), options);
    this.activeTicker = t;
    return {
      clear: () => t.clear(),
      stop: () => {
        t.stop();
        if (this.activeTicker === t) this.activeTicker = undefined;
      },
    };
  }

  private activeTicker?: Ticker;

  /** Every stderr line goes through here, so a live status line is erased before it. */
  private errLine(text: string): void {
    this.activeTicker?.clear();
    this.streams.stderr.write(text + '\n');
  }

  /** Extra detail, on stderr, only with --verbose. */
  debug(line: string): void {
    if (this.verbose) this.errLine(redact(this.ce.dim(line)));
  }

  warn(line: string): void {
    this.errLine(redact(`${this.ce.yellow('warning:')} ${line}`));
  }

  /**
   * A stderr line without redaction. Only for a secret the person at the terminal asked to see
   * (the webhook URL with its token, at the step where it must be pasted: `apply --show-secrets`).
   */
  errUnredacted(line: string): void {
    this.errLine(line);
  }

  /** Unconditional stderr line (errors, the `ready` line of a server). */
  err(line: string): void {
    this.errLine(redact(line));
  }
}
