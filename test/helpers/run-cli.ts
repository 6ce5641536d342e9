/**
 * Runs omnibot the way a user (or CI) does, with no terminal and no colours by default.
 *
 * `runCli` calls `main()` in this process with captured streams, its own env (nothing of the
 * test process's env leaks in) and folder: the fast path, for nearly every test. `startCli` does
 * the same for a long-running command (listen, sandbox, tail --follow) and stops it through its
 * signal. `parseCli` returns what commander parsed without running the handler (gh's runF).
 * `spawnCli` runs the built bin/omnibot.js in a child process: only for what needs a process
 * (the shim, signals, a real TTY, one smoke run per command).
 */
import { execa, type Options, type ResultPromise } from 'execa';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { main, type ParsedCall } from '../../src/cli.js';
import { clearSecrets } from '../../src/core/io/secrets.js';
import type { Registry } from '../../src/kit/registry.js';

export const BIN = fileURLToPath(new URL('../../bin/omnibot.js', import.meta.url));

/** The environment every run starts from: CI, no colours. Options add to it. */
export const CLI_ENV = { CI: 'true', FORCE_COLOR: '0', NO_COLOR: '1' };

export interface CliResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  env?: Record<string, string | undefined>;
  cwd?: string;
  /** Bytes on stdin (`send --data -`); stdin is empty without it. */
  stdin?: string | Buffer;
  /** Pretend stdin, stdout and stderr are a terminal (interactive prompts; drop CI from env too). */
  isTTY?: boolean;
  /** Aborts the run as Ctrl-C would (the first signal). */
  signal?: AbortSignal;
  /** The integrations the run knows (a test's registry with an extra recipe); the built-in ones by default. */
  registry?: Registry;
}

class Capture {
  text = '';
  private listeners = new Set<() => void>();
  constructor(readonly isTTY: boolean) {}
  write(chunk: string | Uint8Array): boolean {
    this.text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    for (const fn of [...this.listeners]) fn();
    return true;
  }
  /** Calls `fn` after every write until it returns true. */
  watch(fn: () => boolean): void {
    if (fn()) return;
    const listener = () => {
      if (fn()) this.listeners.delete(listener);
    };
    this.listeners.add(listener);
  }
}

/** The first full line of `text` that starts with `prefix`. */
function lineStarting(text: string, prefix: string): string | undefined {
  return text
    .split('\n')
    .slice(0, -1)
    .find((l) => l.startsWith(prefix));
}

function runtime(options: RunOptions, signal: AbortSignal) {
  const tty = Boolean(options.isTTY);
  const stdout = new Capture(tty);
  const stderr = new Capture(tty);
  const bytes = options.stdin === undefined ? [] : [Buffer.from(options.stdin)];
  const stdin = Object.assign(Readable.from(bytes), { isTTY: tty });
  const env = { ...CLI_ENV, ...options.env };
  if (tty) delete (env as Record<string, unknown>).CI;
  return {
    stdout,
    stderr,
    stdin,
    env,
    cwd: options.cwd ?? process.cwd(),
    signal,
    ...(options.registry ? { registry: options.registry } : {}),
  };
}

function run(args: string[], options: RunOptions, signal: AbortSignal) {
  // Secrets are registered process-wide (a real run is one process); each run starts clean.
  clearSecrets();
  const rt = runtime(options, signal);
  const done = main(args, rt).then((exitCode) => ({ exitCode, stdout: rt.stdout.text, stderr: rt.stderr.text }));
  return { rt, done };
}

/** `omnibot <args>` in this process; resolves when the command returns. */
export async function runCli(args: string[], options: RunOptions = {}): Promise<CliResult> {
  return run(args, options, options.signal ?? new AbortController().signal).done;
}

export interface RunningCli {
  /** The first stderr line that starts with `ready `, parsed (`{ url }`, or the sandbox's URLs). */
  ready(): Promise<Record<string, string>>;
  /** Resolves once `check(stdout, stderr)` holds after a write; rejects if the command ends first. */
  until(check: (stdout: string, stderr: string) => boolean, what?: string): Promise<void>;
  stdout(): string;
  stderr(): string;
  /** Aborts the signal (as a first Ctrl-C) and waits for the command to end. */
  stop(): Promise<CliResult>;
  done: Promise<CliResult>;
}

/** A long-running `omnibot <args>` in this process; stop it (afterEach) with `stop()`. */
export function startCli(args: string[], options: Omit<RunOptions, 'signal'> = {}): RunningCli {
  const controller = new AbortController();
  const { rt, done } = run(args, options, controller.signal);
  let ended = false;
  void done.finally(() => (ended = true));
  const until = (check: (stdout: string, stderr: string) => boolean, what = 'the awaited output') =>
    new Promise<void>((resolve, reject) => {
      let settled = false;
      const look = () => {
        if (!settled && check(rt.stdout.text, rt.stderr.text)) {
          settled = true;
          resolve();
        }
        return settled;
      };
      rt.stdout.watch(look);
      rt.stderr.watch(look);
      void done.then((r) => {
        if (look() || settled) return;
        settled = true;
        reject(new Error(`omnibot ${args.join(' ')} ended (exit ${r.exitCode}) before ${what}:\n${r.stderr}`));
      });
      if (ended) look();
    });
  return {
    ready: async () => {
      await until((_out, err) => lineStarting(err, 'ready ') !== undefined, 'its ready line');
      return JSON.parse(lineStarting(rt.stderr.text, 'ready ')!.slice('ready '.length)) as Record<string, string>;
    },
    until,
    stdout: () => rt.stdout.text,
    stderr: () => rt.stderr.text,
    stop: () => {
      controller.abort();
      return done;
    },
    done,
  };
}

/** What commander parsed for `omnibot <args>` (the handler does not run), or the usage failure. */
export async function parseCli(args: string[], options: RunOptions = {}): Promise<CliResult & { call?: ParsedCall }> {
  clearSecrets();
  const rt = runtime(options, new AbortController().signal);
  let call: ParsedCall | undefined;
  const exitCode = await main(args, { ...rt, intercept: (c) => void (call = c) });
  return { exitCode, stdout: rt.stdout.text, stderr: rt.stderr.text, call };
}

/** The built CLI in a child process, as a user's shell runs it. */
export async function spawnCli(args: string[], options: Options = {}): Promise<CliResult> {
  const result = await execa('node', [BIN, ...args], {
    reject: false,
    timeout: 120_000,
    ...options,
    env: { ...CLI_ENV, ...(options.env ?? {}) },
  });
  return { exitCode: result.exitCode ?? 1, stdout: String(result.stdout), stderr: String(result.stderr) };
}

export interface SpawnedCli {
  child: ResultPromise;
  /** The parsed `ready {…}` line on stderr; rejects when the process ends first. */
  ready(): Promise<Record<string, string>>;
  stdout(): string;
  stderr(): string;
  /** Sends the signal and waits for the exit. */
  kill(signal?: NodeJS.Signals): Promise<CliResult>;
}

const spawned = new Set<ResultPromise>();

/** A long-running built CLI in a child process: for signals (SIGINT, SIGTERM, SIGKILL) only. */
export function spawnStart(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): SpawnedCli {
  const env = { ...CLI_ENV, ...options.env };
  const child = execa('node', [BIN, ...args], { reject: false, cwd: options.cwd, env, buffer: false });
  spawned.add(child);
  void child.finally(() => spawned.delete(child));
  let out = '';
  let err = '';
  child.stdout?.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr?.setEncoding('utf8').on('data', (d: string) => (err += d));
  const ready = new Promise<Record<string, string>>((resolve, reject) => {
    const check = () => {
      const match = /^ready (\{.*\})\n/m.exec(err);
      if (!match) return;
      child.stderr?.off('data', check);
      resolve(JSON.parse(match[1]!) as Record<string, string>);
    };
    child.stderr?.on('data', check);
    void child.then(() => reject(new Error(`omnibot ${args.join(' ')} exited before it was ready:\n${err}`)));
  });
  ready.catch(() => undefined);
  const result = async (): Promise<CliResult> => {
    const r = await child;
    return { exitCode: r.exitCode ?? (r.signal ? 128 : 1), stdout: out, stderr: err };
  };
  return {
    child,
    ready: () => ready,
    stdout: () => out,
    stderr: () => err,
    kill: (signal = 'SIGTERM') => {
      child.kill(signal);
      return result();
    },
  };
}

/** For afterEach: no spawned CLI outlives its test. */
export async function killSpawned(): Promise<void> {
  for (const child of spawned) child.kill('SIGKILL');
  await Promise.all([...spawned].map((c) => c.catch(() => undefined)));
}
