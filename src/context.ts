/**
 * What a command's `run` receives instead of reaching for globals: IO, the prompter, the
 * working folder, the environment, a cancellation signal and the config loader. Tests build
 * the slice they need by hand.
 */
import { Io, processStreams, type GlobalFlags, type IoStreams } from './core/io/io.js';
import { InquirerPrompter, NonInteractivePrompter, type Prompter } from './core/io/prompter.js';
import type { LoadConfigOptions, LoadedConfig } from './config/load.js';
import { interrupt } from './core/interrupt.js';

export interface Context {
  io: Io;
  prompter: Prompter;
  cwd: string;
  env: NodeJS.ProcessEnv;
  flags: GlobalFlags;
  /** Aborted on the first Ctrl-C or SIGTERM; long-running commands stop gracefully on it. */
  signal: AbortSignal;
  now(): Date;
  loadConfig(options?: LoadConfigOptions): Promise<LoadedConfig>;
  /** Registers clean-up that must run when the command ends, however it ends. */
  defer(fn: () => Promise<void> | void): void;
  dispose(): Promise<void>;
}

export interface ContextOptions {
  streams?: IoStreams;
  cwd?: string;
  prompter?: Prompter;
  signal?: AbortSignal;
}

export function createContext(flags: GlobalFlags & Record<string, unknown>, options: ContextOptions = {}): Context {
  const streams = options.streams ?? processStreams();
  const io = new Io(streams, flags);
  const prompter = options.prompter ?? (io.interactive ? new InquirerPrompter() : new NonInteractivePrompter());
  const cwd = options.cwd ?? process.cwd();
  const deferred: Array<() => Promise<void> | void> = [];
  let cached: Promise<LoadedConfig> | undefined;
  return {
    io,
    prompter,
    cwd,
    env: streams.env,
    flags,
    signal: options.signal ?? interrupt.signal,
    now: () => new Date(),
    loadConfig(opts) {
      if (opts) return import('./config/load.js').then((m) => m.loadConfig({ cwd, env: streams.env, flags, io, ...opts }));
      cached ??= import('./config/load.js').then((m) => m.loadConfig({ cwd, env: streams.env, flags, io }));
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
