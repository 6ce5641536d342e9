/**
 * Helpers for the HelpDeskEddy sandbox and client tests (unit and e2e): the sandbox server alone,
 * plain and admin HTTP against it, a webhook receiver, a fake clock, and seed 002's body keys.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createHelpdeskeddySandbox,
  type HelpdeskeddySandbox,
  type HelpdeskeddySandboxOptions,
} from '../../src/helpdesks/helpdeskeddy/sandbox/server.js';

export const EMAIL = 'admin@sandbox.test';
export const API_KEY = 'sandbox-api-key-for-tests';

export interface Received {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface Receiver {
  url: string;
  received: Received[];
  close(): Promise<void>;
}

/** A webhook target on loopback; `answer` picks the status (and may act, like a bot would). */
export async function startReceiver(answer: (r: Received) => number | Promise<number> = () => 200): Promise<Receiver> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      received.push(r);
      void Promise.resolve(answer(r)).then(
        (status) => res.writeHead(status, { 'content-type': 'application/json' }).end('{"ok":true}'),
        () => res.writeHead(500).end(),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * The keys of seed 002's dispatcher body template, in its order: what the template renders and
 * what the sandbox's dispatcher delivers. Written out here, not read from the source under test.
 */
export const SEED_BODY_KEYS = [
  'message',
  'message_author_id',
  'customer_id',
  'ticket_id',
  'status_id',
  'user_name',
  'last_answer_date',
  'last_customer_message_date',
  'chat_id',
];

export type HdeSandbox = HelpdeskeddySandbox & { url: string };

export async function startSandbox(options: Partial<HelpdeskeddySandboxOptions> = {}): Promise<HdeSandbox> {
  const sandbox = createHelpdeskeddySandbox({ email: EMAIL, apiKey: API_KEY, retryDelayMs: 10, ...options });
  await sandbox.listen();
  return sandbox as HdeSandbox;
}

export function basic(email = EMAIL, key = API_KEY): string {
  return `Basic ${Buffer.from(`${email}:${key}`).toString('base64')}`;
}

/** Plain HTTP against the sandbox, authenticated unless told otherwise. */
export async function hde(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const init: RequestInit = { method, headers: { authorization: basic(), ...headers } };
  if (body !== undefined) {
    init.body = typeof body === 'string' || body instanceof FormData ? body : JSON.stringify(body);
    if (typeof body !== 'string' && !(body instanceof FormData))
      (init.headers as Record<string, string>)['content-type'] = 'application/json';
  }
  const res = await fetch(`${base}${path}`, init);
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: text ? JSON.parse(text) : undefined };
}

export async function admin(base: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${base}/_sandbox${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as any };
}

/** A clock that only moves when something sleeps on it. */
export function fakeClock(start = Date.UTC(2025, 2, 1, 10, 0, 0)) {
  const clock = {
    t: start,
    now: () => clock.t,
    date: () => new Date(clock.t),
    sleep: async (ms: number) => {
      clock.t += Math.max(0, ms);
    },
  };
  return clock;
}
