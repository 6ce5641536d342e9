/**
 * The config as every generic part of omnibot sees it: one connection section per helpdesk it
 * uses, and a list of integrations that each name their recipe. Each integration's own keys
 * are its recipe's business (typed in its folder); the zod schema that checks the whole file
 * is composed from the registries in src/config/schema.ts.
 */
import type { Connections } from '../helpdesks/clients.js';

/** An integration name: what the config, `init --name` and `token --name` all accept. */
export const INTEGRATION_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$/;

/** What every integration has, whatever its recipe. */
export interface BaseIntegration {
  recipe: string;
  name: string;
}

export type Config = Connections & {
  $schema?: string;
  integrations: BaseIntegration[];
};

export interface LoadConfigOptions {
  /** When false, a missing config yields `config: undefined` instead of an error. */
  required?: boolean;
  /**
   * Leave an unset `${NAME}` as written instead of failing. For commands that never use the
   * secret (`steps`), so they work before the key exists.
   */
  allowUnsetVars?: boolean;
  /** Flag values that override file and environment, as `section.key` → value. */
  overrides?: Record<string, unknown>;
}

export interface LoadedConfig {
  config: Config | undefined;
  /** Absolute path of the file read, if any. */
  file?: string;
  /** The folder of the config file (or the cwd): `.omnibot/` and `.env` live here. */
  dir: string;
  stateFile: string;
  /** process env over `.env`: what `${NAME}` resolved against. */
  env: Record<string, string | undefined>;
  warnings: string[];
  /** The `.env` beside the config when other users of the machine may read or change it. */
  exposedEnv?: { file: string; mode: number };
}
