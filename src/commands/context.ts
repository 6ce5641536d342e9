/**
 * Builds the context every command's handler receives (the interface is src/kit/context.ts)
 * from the `Runtime` `main()` is given (the process in `bin/`, captured streams in tests):
 * IO, the prompter, the config loader, and the registry of built-in integrations unless the
 * runtime brings another.
 */
import { Io, type GlobalFlags } from '../core/io/io.js';
import { InquirerPrompter, NonInteractivePrompter } from '../core/io/prompter.js';
import { plainOutput } from '../core/io/plain-output.js';
import { builtinRegistry } from '../integrations/builtin.js';
import type { Context, Runtime, Stdin } from '../kit/context.js';
import type { LoadedConfig } from '../model/config.js';

export type { Context, Runtime, Stdin };

export function createContext(flags: GlobalFlags & Record<string, unknown>, runtime: Runtime): Context {
  const { env, cwd } = runtime;
  const io = new Io({ stdout: runtime.stdout, stderr: runtime.stderr, stdin: runtime.stdin, env }, flags);
  // Prompts draw on stderr; without colour there (--no-color, NO_COLOR) they draw without it too.
  const stderr = runtime.stderr as NodeJS.WritableStream;
  const terminal = { input: runtime.stdin, output: io.ce.level === 0 ? plainOutput(stderr) : stderr };
  const prompter = runtime.prompter ?? (io.interactive ? new InquirerPrompter(terminal) : new NonInteractivePrompter());
  const registry = runtime.registry ?? builtinRegistry();
  const deferred: Array<() => Promise<void> | void> = [];
  let cached: Promise<LoadedConfig> | undefined;
  let envGuarded = false;
  // Once per run, whichever load finds it: a .env others can read is fixed, offered or warned about.
  const guardEnv = async (loaded: LoadedConfig): Promise<LoadedConfig> => {
    if (loaded.exposedEnv && !envGuarded) {
      envGuarded = true;
      const { guardEnvFile } = await import('../config/env-mode.js');
      await guardEnvFile(loaded.exposedEnv, { io, prompter, fix: Boolean(flags.chmodEnv) });
    }
    return loaded;
  };
  return {
    io,
    prompter,
    cwd,
    env,
    stdin: runtime.stdin,
    flags,
    registry,
    signal: runtime.signal,
    now: runtime.now ?? (() => new Date()),
    loadConfig(opts) {
      const load = (more: Parameters<Context['loadConfig']>[0] = {}) =>
        import('../config/load.js')
          .then((m) => m.loadConfig({ cwd, env, flags, io, registry, ...more }))
          .then(guardEnv);
      if (opts) return load(opts);
      cached ??= load();
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
