/**
 * The seed's body template (templates/helpdeskeddy/dispatcher-body.json), read once. It is data,
 * not code, so the recipe's printed step, the event catalog and the sandbox dispatcher all quote
 * the same bytes, and a user can check it against the seed article by eye.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { templateTags } from './template.js';

export interface SeedBody {
  provenance: string;
  seed: string;
  note?: string;
  /** The body template exactly as seed 002 prints it, newlines included. */
  template: string;
}

/** Both src/helpdeskeddy (tests) and dist/helpdeskeddy (built) sit two levels below the root. */
const SEED_BODY_FILE = fileURLToPath(new URL('../../../templates/helpdeskeddy/dispatcher-body.json', import.meta.url));

let cached: SeedBody | undefined;

export function seedBody(): SeedBody {
  cached ??= JSON.parse(readFileSync(SEED_BODY_FILE, 'utf8')) as SeedBody;
  return cached;
}

/** The nine `{tags}` the prescribed template uses, in its order. */
export function seedTags(): string[] {
  return templateTags(seedBody().template);
}
