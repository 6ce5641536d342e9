/**
 * `.omnibot/state.json`: what omnibot knows that no API can tell. Ids of objects it created
 * (so it never duplicates or deletes what it does not own), manual steps confirmed as done,
 * and fingerprints of tokens (never the tokens). Written atomically, mode 0600.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ConfigError } from '../core/errors.js';

export interface ResourceRecord {
  /** The helpdesk's id of an object omnibot created or adopted. */
  id?: string;
  /** True when omnibot created the object, false when it found it already there. */
  owned?: boolean;
  createdAt?: string;
  /** When a manual step was confirmed, and by whom. */
  confirmedAt?: string;
  confirmedBy?: 'user' | 'verify' | 'sandbox';
  /** A fingerprint of the spec that was confirmed: a changed spec needs a new confirmation. */
  specHash?: string;
  data?: Record<string, unknown>;
}

/** A token omnibot generated, by fingerprint only; `previous` lists the ones rotation retired. */
export interface TokenRecord {
  fingerprint: string;
  createdAt: string;
  rotatedAt?: string;
  previous?: Array<{ fingerprint: string; createdAt?: string; retiredAt: string }>;
}

export interface State {
  version: 1;
  /** Keyed `<integration name>/<resource id>`. */
  resources: Record<string, ResourceRecord>;
  tokens: Record<string, TokenRecord>;
}

export function emptyState(): State {
  return { version: 1, resources: {}, tokens: {} };
}

export async function readState(file: string): Promise<State> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return emptyState();
    throw err;
  }
  try {
    const parsed = JSON.parse(text) as Partial<State>;
    return { ...emptyState(), ...parsed, version: 1 };
  } catch (err) {
    throw new ConfigError(`${file} is not valid JSON`, {
      code: 'state_invalid',
      hint: 'The state file was edited or torn; restore it from version control or delete it (omnibot re-reads the helpdesk).',
      cause: err,
    });
  }
}

export async function writeState(file: string, state: State): Promise<void> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify(state, null, 2) + '\n', { mode: 0o600 });
  await rename(tmp, file);
}

/** Read-modify-write in one call, so callers cannot forget to save. */
export async function updateState(file: string, change: (state: State) => void): Promise<State> {
  const state = await readState(file);
  change(state);
  await writeState(file, state);
  return state;
}

export function resourceKey(integration: string, resource: string): string {
  return `${integration}/${resource}`;
}
