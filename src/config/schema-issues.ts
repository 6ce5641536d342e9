/**
 * Turns zod's issues about a config into lines a person can act on: the field's path (with the
 * integration's name beside its index), a plain reason, and for a misspelled key the known keys
 * it is close to. The known keys come from the config's JSON Schema, walked along the issue's
 * path, so the suggestion is a key that is valid in that very place.
 */
import { didYouMean } from '../core/did-you-mean.js';

interface Issue {
  code: string;
  path: PropertyKey[];
  message: string;
  keys?: string[];
  expected?: string;
  input?: unknown;
}

type Schema = {
  properties?: Record<string, Schema>;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
};

export function describeIssuePath(path: PropertyKey[], raw: unknown): string {
  let out = '';
  let node: unknown = raw;
  for (const part of path) {
    if (typeof part === 'number') {
      const name = (node as unknown[] | undefined)?.[part] as { name?: string } | undefined;
      out += name && typeof name === 'object' && name.name ? `[${part}] (${name.name})` : `[${part}]`;
      node = (node as unknown[] | undefined)?.[part];
    } else {
      out += out ? `.${String(part)}` : String(part);
      node = (node as Record<string, unknown> | undefined)?.[part as string];
    }
  }
  return out || '(root)';
}

function branches(schema: Schema): Schema[] {
  const alternatives = [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])];
  return alternatives.length ? [schema, ...alternatives.flatMap(branches)] : [schema];
}

/** The keys the schema allows at `path` (every branch of a union counts). */
export function keysAt(schema: unknown, path: PropertyKey[]): string[] {
  let here = branches(schema as Schema);
  for (const part of path) {
    here = here.flatMap((s) => {
      if (typeof part === 'number') return s.items ? branches(s.items) : [];
      const next = s.properties?.[String(part)];
      return next ? branches(next) : [];
    });
  }
  return [...new Set(here.flatMap((s) => Object.keys(s.properties ?? {})))];
}

function reason(issue: Issue, schema: unknown): string {
  if (issue.code === 'unrecognized_keys' && issue.keys?.length) {
    const known = keysAt(schema, issue.path);
    return issue.keys.map((key) => `unknown key "${key}"${didYouMean(key, known)}`).join(', ');
  }
  if (issue.code === 'invalid_type' && issue.input === undefined) {
    return `is required${issue.expected ? ` (${issue.expected})` : ''}`;
  }
  return issue.message;
}

/** One line per issue: `integrations[0] (hde).token: is required (string)`. */
export function describeIssues(
  issues: Issue[],
  input: unknown,
  schema: unknown,
  special?: (issue: Issue) => string | undefined,
): string[] {
  return issues.map((issue) => {
    const at = describeIssuePath(issue.path, input);
    return `${at}: ${special?.(issue) ?? reason(issue, schema)}`;
  });
}
