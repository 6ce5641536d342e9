/**
 * One record as the inspector's detail pane shows it: headers, the body decoded (JSON as a tree,
 * a PHP-bracket form as the tree PHP would build, binary as hex), the event's verdict with each
 * failing field named, where each key of the event comes from and its provenance, and the
 * forward's answer. Secrets are masked unless the person asked to reveal them.
 */
import { contentTypeOf, decodeBody as recordBytes, type CaptureRecord } from '../capture/record.js';
import { maskRecord } from '../capture/secret-mask.js';
import { detectEvent, type Catalog } from '../events/catalog.js';
import { decodeBody } from '../events/decode.js';
import { curlCommand } from './curl.js';

export interface KeyInfo {
  name: string;
  /** Where the key comes from: the tick-box of «Выполнить вебхук», the template tag, … */
  description?: string;
  provenance?: string;
  ref?: string;
  /** Whether this record carries the key. */
  present: boolean;
}

export interface Detail {
  n: number;
  record: CaptureRecord;
  body:
    | { kind: 'json' | 'form'; tree: unknown; text: string }
    | { kind: 'text'; text: string }
    | { kind: 'binary'; hex: string; bytes: number }
    | { kind: 'none' };
  verdict: { event: string | null; candidates?: string[]; valid: boolean; issues: string[] };
  keys: KeyInfo[];
  curl: string;
}

const HEX_LIMIT = 64 * 1024;

function hexDump(bytes: Buffer): string {
  const lines: string[] = [];
  for (let at = 0; at < Math.min(bytes.length, HEX_LIMIT); at += 16) {
    const row = bytes.subarray(at, at + 16);
    const hex = [...row].map((b) => b.toString(16).padStart(2, '0')).join(' ');
    const ascii = [...row].map((b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
    lines.push(`${at.toString(16).padStart(8, '0')}  ${hex.padEnd(47)}  ${ascii}`);
  }
  return lines.join('\n');
}

function has(value: unknown, path: string): boolean {
  let node = value;
  for (const part of path.split('.')) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, part)) return false;
    node = (node as Record<string, unknown>)[part];
  }
  return true;
}

export function buildDetail(
  n: number,
  raw: CaptureRecord,
  catalog: Catalog,
  options: { reveal?: boolean; origin: string },
): Detail {
  const reveal = Boolean(options.reveal);
  const record = reveal ? raw : maskRecord(raw);
  const contentType = contentTypeOf(record);
  const bytes = recordBytes(record);
  let body: Detail['body'] = { kind: 'none' };
  let value: unknown;
  if (record.bodyBase64 !== undefined) body = { kind: 'binary', hex: hexDump(bytes), bytes: bytes.length };
  else if (record.body !== undefined && record.body !== '') {
    const decoded = decodeBody(contentType, record.body);
    if (decoded.ok && decoded.value !== null && typeof decoded.value === 'object') {
      value = decoded.value;
      body = { kind: decoded.encoding === 'form' ? 'form' : 'json', tree: decoded.value, text: record.body };
    } else body = { kind: 'text', text: record.body };
  }
  const found = bytes.length ? detectEvent(contentType, bytes, catalog) : undefined;
  const event = found?.event ?? record.event;
  const def = event ? catalog.get(event) : undefined;
  const keys: KeyInfo[] = (def?.fields ?? []).map((f) => ({
    name: f.name,
    ...(f.description ? { description: f.description } : {}),
    ...(f.provenance ? { provenance: f.provenance } : {}),
    ...(f.ref ? { ref: f.ref } : {}),
    present: value !== undefined && has(value, f.name),
  }));
  return {
    n,
    record,
    body,
    verdict: {
      event,
      ...(found?.candidates ? { candidates: found.candidates } : {}),
      valid: found?.valid ?? record.valid,
      issues: found?.issues ?? [],
    },
    keys,
    curl: curlCommand(record, options.origin),
  };
}
