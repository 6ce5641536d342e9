/**
 * Test helpers for the in-process sandbox (`startSandbox`): one sandbox per test file, API and
 * admin calls against its Omnidesk side, and a webhook receiver. The `use…` helpers register
 * the vitest hooks themselves and hand back a handle that is filled in before the first test,
 * so a file keeps module-level names (`sandbox.omnidesk.url`) without repeating the set-up.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startSandbox, type RunningSandbox, type SandboxOptions } from '../../src/sandbox/index.js';

export const EMAIL = 'admin@sandbox.test';
export const API_KEY = 'sandbox-api-key';

export interface ApiResult<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export class SandboxClient {
  constructor(
    readonly sandbox: RunningSandbox,
    private readonly auth = { email: EMAIL, apiKey: API_KEY },
  ) {}

  get base(): string {
    return this.sandbox.omnidesk.url;
  }

  async call<T = any>(
    method: string,
    path: string,
    body?: unknown,
    auth: { email: string; apiKey: string } | null = this.auth,
  ): Promise<ApiResult<T>> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (auth) headers.authorization = `Basic ${Buffer.from(`${auth.email}:${auth.apiKey}`).toString('base64')}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(this.base + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : undefined) as T };
  }

  admin<T = any>(method: string, path: string, body?: unknown): Promise<ApiResult<T>> {
    return this.call<T>(method, `/_sandbox/${path}`, body, null);
  }

  /** Items of a keyed-object list envelope, in key order. */
  static items<T = any>(envelope: Record<string, any>, entity: string): T[] {
    return Object.keys(envelope)
      .filter((k) => /^\d+$/.test(k))
      .sort((a, b) => Number(a) - Number(b))
      .map((k) => envelope[k][entity] as T);
  }
}

/** A sandbox of its own (e.g. other options), closed by the test through `client.sandbox.close()`. */
export async function openSandbox(options: SandboxOptions = {}): Promise<SandboxClient> {
  const sandbox = await startSandbox(options);
  return new SandboxClient(sandbox);
}

/** A sandbox started before the file's first test and closed after its last. */
export function useSandbox(options: SandboxOptions = {}): RunningSandbox {
  const handle = {} as RunningSandbox;
  beforeAll(async () => {
    Object.assign(handle, await startSandbox(options));
  });
  afterAll(() => handle.close?.()); // unset when the start failed: that error is the one to see
  return handle;
}

/** Back to the seeded demo data (`POST /_sandbox/reset` on the Omnidesk side). */
export async function resetSandbox(sandbox: RunningSandbox): Promise<void> {
  await fetch(`${sandbox.omnidesk.url}/_sandbox/reset`, { method: 'POST' });
}

/** `useSandbox` with a client for its Omnidesk API, reset before every test. */
export function useSandboxClient(options: SandboxOptions = {}): SandboxClient {
  const client = new SandboxClient(useSandbox(options));
  beforeEach(async () => {
    await client.admin('POST', 'reset');
  });
  return client;
}

export interface Received {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A tiny webhook receiver: records every request, answers `status` (200 by default). */
export class Receiver {
  readonly received: Received[] = [];
  status = 200;
  private server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      this.received.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      res.writeHead(this.status, { 'content-type': 'application/json' }).end('{"result":"ok"}');
    });
  });
  url = '';

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** A receiver for the whole file, emptied (and answering 200 again) before every test. */
export function useReceiver(): Receiver {
  const receiver = new Receiver();
  beforeAll(() => receiver.start());
  afterAll(() => receiver.close());
  beforeEach(() => {
    receiver.received.length = 0;
    receiver.status = 200;
  });
  return receiver;
}

export { waitFor } from './wait.js';
