/**
 * What a command's `run` receives instead of reaching for globals: IO, the prompter, the
 * working folder, the environment, a cancellation signal and the config loader. `main()` builds
 * it from the `Runtime` it is given (the process in `bin/`, captured streams in tests).
 */
import { Io, type GlobalFlags, type Writable } from './core/io/io.js';
import { InquirerPrompter, NonInteractivePrompter, type Prompter } from './core/io/prompter.js';
import type { LoadConfigOptions, LoadedConfig } from './config/load.js';

/** Standard input as commands use it: a byte stream (`send --data -`) that may be a terminal. */
export type Stdin = NodeJS.ReadableStream & { isTTY?: boolean };

/**
 * Everything of the outside world a run of omnibot may touch. `bin/omnibot.js` passes the
 * process's own values; tests pass captured streams, their own env and folder, and a signal.
 */
export interface Runtime {
  stdout: Writable;
  stderr: Writable;
  stdin: Stdin;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Aborted when the user asks to stop (the first Ctrl-C or SIGTERM, in `bin/`). */
  signal: AbortSignal;
  /** Replaces the terminal prompter (tests drive @inquirer/testing through it). */
  prompter?: Prompter;
  now?: () => Date;
}

export interface Context {
  io: Io;
  prompter: Prompter;
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdin: Stdin;
  flags: GlobalFlags;
  /** Aborted on the first Ctrl-C or SIGTERM; long-running commands stop gracefully on it. */
  signal: AbortSignal;
  now(): Date;
  loadConfig(options?: LoadConfigOptions): Promise<LoadedConfig>;
  /** Registers clean-up that must run when the command ends, however it ends. */
  defer(fn: () => Promise<void> | void): void;
  dispose(): Promise<void>;
}

export function createContext(flags: GlobalFlags & Record<string, unknown>, runtime: Runtime): Context {
  const { env, cwd } = runtime;
  const io = new Io({ stdout: runtime.stdout, stderr: runtime.stderr, stdin: runtime.stdin, env }, flags);
  const prompter =
    runtime.prompter ??
    (io.interactive ? new InquirerPrompter({ input: runtime.stdin, output: runtime.stderr as NodeJS.WritableStream }) : new NonInteractivePrompter());
  const deferred: Array<() => Promise<void> | void> = [];
  let cached: Promise<LoadedConfig> | undefined;
  return {
    io,
    prompter,
    cwd,
    env,
    stdin: runtime.stdin,
    flags,
    signal: runtime.signal,
    now: runtime.now ?? (() => new Date()),
    loadConfig(opts) {
      if (opts) return import('./config/load.js').then((m) => m.loadConfig({ cwd, env, flags, io, ...opts }));
      cached ??= import('./config/load.js').then((m) => m.loadConfig({ cwd, env, flags, io }));
      return cached;
    },
    defer(fn) {
      deferred.push(fn);
    },
    async dispose() {
      while (deferred.length) {
        const fn = deferred.pop()!;
        try {
          await fn();
        } catch (err) {
          io.debug(`clean-up failed: ${(err as Error).message}`);
        }
      }
    },
  };
}
