/**
 * What a command's handler receives instead of reaching for globals: IO, the prompter, the
 * working folder, the environment, a cancellation signal, the config loader and the registry
 * of integrations. `createContext` (src/commands/context.ts) builds the real one; tests build
 * the slice they need, or inject a registry with extra integrations.
 */
import type { Command } from 'commander';
import type { GlobalFlags, Io, Writable } from '../core/io/io.js';
import type { Prompter } from '../core/io/prompter.js';
import type { LoadConfigOptions, LoadedConfig } from '../model/config.js';
import type { Registry } from './registry.js';

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
  /** The integrations this run knows; the built-in ones by default (tests add their own). */
  registry?: Registry;
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
  /** The integrations this run knows: the built-in ones, plus any a test adds. */
  registry: Registry;
  now(): Date;
  loadConfig(options?: LoadConfigOptions): Promise<LoadedConfig>;
  /** Registers clean-up that must run when the command ends, however it ends. */
  defer(fn: () => Promise<void> | void): void;
  dispose(): Promise<void>;
}

export interface CommandInput {
  /** Positional arguments, in declaration order. */
  args: unknown[];
  /** The command's own options merged with the global ones. */
  opts: Record<string, unknown>;
  command: Command;
}

/** A handler returns the exit code it wants (0 when omitted); failures are thrown. */
export type Handler = (input: CommandInput, ctx: Context) => Promise<number | void>;
