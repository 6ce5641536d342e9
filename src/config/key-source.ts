/**
 * Where a helpdesk's API key came from, in words, for the one error where it matters: a
 * refused key (exit 3). A stale OMNIBOT_OMNIDESK_API_KEY in the shell silently wins over the
 * .env that `init` wrote; saying which one was used is the whole fix for that confusion.
 * The text names places, never the value.
 */
import { join } from 'node:path';

export interface KeySourceInput {
  /** The connection section as written in the file (before `${…}` is resolved). */
  written: unknown;
  /** The environment variable that overrides the field, e.g. OMNIBOT_OMNIDESK_API_KEY. */
  overrideVar: string;
  /** The process environment and the .env beside the config, apart. */
  env: Record<string, string | undefined>;
  dotenv: Record<string, string>;
  file: string;
  dir: string;
  /** A value given on the command line or by a wizard, when there is one. */
  flag?: string;
}

export function describeKeySource(input: KeySourceInput): string {
  const { env, dotenv, overrideVar } = input;
  const dotenvFile = join(input.dir, '.env');
  if (input.flag) return input.flag;
  if (env[overrideVar]) return `the environment variable ${overrideVar}, which overrides the config file`;
  const written = (input.written as { apiKey?: unknown } | undefined)?.apiKey;
  if (typeof written !== 'string') return `the config file ${input.file}`;
  const ref = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$/.exec(written.trim());
  if (!ref) return written.includes('${') ? `${input.file} (apiKey, with variables)` : `the config file ${input.file}`;
  const name = ref[1]!;
  if (env[name] !== undefined && env[name] !== '') {
    const shadowed = dotenv[name] !== undefined && dotenv[name] !== env[name];
    return shadowed
      ? `the environment variable ${name} of this shell, which wins over the different value in ${dotenvFile}`
      : `the environment variable ${name}`;
  }
  return `${name} in ${dotenvFile}`;
}
