/**
 * `.omnibot/state.json`: what omnibot knows that no API can tell. Ids of objects it created
 * (so it never duplicates or deletes what it does not own), manual steps confirmed as done,
 * and fingerprints of tokens (never the tokens). Written atomically, mode 0600.
 */
import { readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ConfigError } from './errors.js';
import { withFileLock } from './file-lock.js';
import { makeDirs } from './make-dirs.js';

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
  /**
   * When a failing round trip took a confirmation back, and which command did: the step was
   * claimed done, and the helpdesk showed otherwise.
   */
  revokedAt?: string;
  revokedBy?: string;
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
  return {
    version: 1,
    resources: Object.create(null) as State['resources'],
    tokens: Object.create(null) as State['tokens'],
  };
}

function stateProblem(file: string, problem: string, cause?: unknown): ConfigError {
  return new ConfigError(`${file} ${problem}`, {
    code: 'state_invalid',
    hint:
      'The state file was edited or torn; restore it from version control or delete it (omnibot re-reads the ' +
      'helpdesk).',
    cause,
  });
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export async function readState(file: string): Promise<State> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return emptyState();
    if (code === 'EISDIR') throw stateProblem(file, 'is a folder, not a file', err);
    throw stateProblem(file, `cannot be read (${code ?? (err as Error).message})`, err);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw stateProblem(file, 'is not valid JSON', err);
  }
  if (!isRecord(parsed)) throw stateProblem(file, 'must hold a JSON object');
  for (const key of ['resources', 'tokens'] as const) {
    const value = parsed[key];
    if (value === undefined) continue;
    if (!isRecord(value)) throw stateProblem(file, `has "${key}" that is not an object`);
    for (const [name, entry] of Object.entries(value)) {
      if (!isRecord(entry)) throw stateProblem(file, `has "${key}.${name}" that is not an object`);
    }
  }
  // Null-prototype maps: a key like "__proto__" in a hand-edited file stays a plain key.
  const state = emptyState();
  Object.assign(state.resources, parsed.resources);
  Object.assign(state.tokens, parsed.tokens);
  return state;
}

export async function writeState(file: string, state: State): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    await makeDirs(dirname(file), 0o700);
    await writeFile(tmp, JSON.stringify(state, null, 2) + '\n', { mode: 0o600 });
    await rename(tmp, file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw stateProblem(
      file,
      code === 'EISDIR' ? 'is a folder, not a file' : `cannot be written (${code ?? 'error'})`,
      err,
    );
  }
}

/**
 * Read-modify-write in one call, so callers cannot forget to save, under a lock beside the
 * file so that two processes never lose each other's entries.
 */
export async function updateState(file: string, change: (state: State) => void): Promise<State> {
  return withFileLock(
    join(dirname(file), 'state.lock'),
    async () => {
      const state = await readState(file);
      change(state);
      await writeState(file, state);
      return state;
    },
    { what: `the state file ${file}` },
  );
}

/** The lock a whole `apply` holds while it reads the helpdesk and creates objects. */
export function runLockPath(stateFile: string): string {
  return join(dirname(stateFile), 'run.lock');
}

export function resourceKey(integration: string, resource: string): string {
  return `${integration}/${resource}`;
}
