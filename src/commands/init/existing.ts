/**
 * `init --append`: adding one integration to a config that already exists. The file is read as
 * JSON and written back with only two possible changes, a connection section it lacked and one
 * more integration at the end, so nothing the user had is lost, reordered or duplicated.
 */
import { readFile } from 'node:fs/promises';
import { extname, relative } from 'node:path';
import type { HelpdeskKind } from '../../helpdesks/registry.js';
import { UsageError } from '../../core/errors.js';

export interface ExistingConfig {
  raw: Record<string, unknown>;
  /** Names already taken by its integrations. */
  names: Set<string>;
}

type Json = Record<string, unknown>;

/** The config to append to, or undefined when the file does not exist yet (append then just writes it). */
export async function readExisting(path: string, cwd: string): Promise<ExistingConfig | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  const shown = relative(cwd, path) || path;
  let raw: unknown;
  try {
    raw = text.trim() ? JSON.parse(text) : {};
  } catch (err) {
    const yamlOrJs = /^\.(ya?ml|[cm]?js)$/i.test(extname(path));
    throw new UsageError(
      yamlOrJs
        ? `--append: ${shown} is not JSON; init appends only to JSON configs.`
        : `--append: ${shown} is not valid JSON (${(err as Error).message}); nothing was changed.`,
      {
        hint: 'Fix the file, add the integration by hand, or write a new config with --output <file>.',
        details: { flag: '--append', file: path },
      },
    );
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new UsageError(`--append: ${shown} does not hold a config object; nothing was changed.`, {
      details: { flag: '--append', file: path },
    });
  }
  const obj = raw as Json;
  if (obj.integrations !== undefined && !Array.isArray(obj.integrations)) {
    throw new UsageError(`--append: ${shown}: "integrations" is not a list; nothing was changed.`, {
      details: { flag: '--append', file: path },
    });
  }
  const list = (obj.integrations as unknown[] | undefined) ?? [];
  const names = new Set(
    list
      .map((it) => (it && typeof it === 'object' ? (it as Json).name : undefined))
      .filter((n): n is string => typeof n === 'string'),
  );
  return { raw: obj, names };
}

/** The existing connection section for a helpdesk, when the file has one. */
export function existingSection(existing: ExistingConfig | undefined, kind: HelpdeskKind): Json | undefined {
  const section = existing?.raw[kind];
  return section && typeof section === 'object' && !Array.isArray(section) ? (section as Json) : undefined;
}

/** A name already in the file is exit 2 naming --name: two integrations with one name would share state. */
export function refuseDuplicate(name: string, taken: Set<string>, file: string): void {
  if (!taken.has(name)) return;
  throw new UsageError(`--name: ${file} already has an integration named "${name}"; nothing was changed.`, {
    hint: 'Pass --name <another name>.',
    details: { flag: '--name', name },
  });
}

/**
 * The existing config plus a connection section (when it had none) and the new integration.
 * A new section goes before "integrations", where people expect it; every other key keeps its place.
 */
export function mergeConfig(raw: Json, kind: HelpdeskKind, section: Json | undefined, integration: Json): Json {
  const out: Json = {};
  let placed = section === undefined;
  for (const [key, value] of Object.entries(raw)) {
    if (key === 'integrations' && !placed) {
      out[kind] = section;
      placed = true;
    }
    out[key] = value;
  }
  if (!placed) out[kind] = section;
  out.integrations = [...((raw.integrations as unknown[] | undefined) ?? []), integration];
  return out;
}
