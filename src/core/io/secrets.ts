/**
 * The process-wide set of secret values (API keys, tokens, Basic headers). Every byte omnibot
 * writes to stdout, stderr, a log or a capture passes through `redact`, so a secret that was
 * registered once can never leak through an error message, a URL or a JSON dump.
 */

import { createHash } from 'node:crypto';

const secrets = new Set<string>();
/** The secrets longest first, so a secret that contains another is replaced whole; rebuilt on change. */
let ordered: string[] = [];

/** Shorter values would redact ordinary words; real keys and tokens are far longer. */
const MIN_SECRET_LENGTH = 6;

export function registerSecret(value: string | undefined | null): void {
  if (!value || value.length < MIN_SECRET_LENGTH) return;
  const before = secrets.size;
  secrets.add(value);
  // The same secret also travels URL-encoded (in webhook URLs) and inside Basic headers.
  const encoded = encodeURIComponent(value);
  if (encoded !== value) secrets.add(encoded);
  if (secrets.size !== before) ordered = [...secrets].sort((a, b) => b.length - a.length);
}

/** Registers the base64 form that a Basic header carries, so the header itself is redacted. */
export function registerBasicAuth(user: string, password: string): string {
  const token = Buffer.from(`${user}:${password}`).toString('base64');
  registerSecret(password);
  registerSecret(token);
  return `Basic ${token}`;
}

export function redact(text: string): string {
  if (secrets.size === 0 || text.length === 0) return text;
  let out = text;
  for (let i = 0; i < ordered.length; i += 1) {
    const s = ordered[i]!;
    if (out.includes(s)) out = out.split(s).join('***');
  }
  return out;
}

/** Test hook: forget every registered secret. */
export function clearSecrets(): void {
  secrets.clear();
  ordered = [];
}

/** A short, non-reversible id of a secret: what the state file keeps instead of the secret. */
export function fingerprint(secret: string): string {
  return `sha256:${createHash('sha256').update(secret).digest('hex').slice(0, 16)}`;
}
