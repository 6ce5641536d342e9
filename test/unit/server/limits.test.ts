/**
 * Both sandboxes keep to their caps: the connection past the cap and a body past the byte
 * budget get a 503 (with Retry-After), not a process that grows without bound.
 */
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox/index.js';
import { rawRequest } from '../../helpers/raw-http.js';

let sandbox: RunningSandbox;
const internalErrors: unknown[] = [];
beforeAll(async () => {
  sandbox = await startSandbox({
    limits: { maxConnections: 2, maxPendingBytes: 20_000 },
    onInternalError: (e) => internalErrors.push(e),
  });
});
afterAll(() => sandbox?.close());

const portOf = (url: string) => Number(new URL(url).port);

function hold(port: number): Promise<Socket> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1', () => resolve(s));
    s.on('error', () => undefined);
  });
}

describe('sandbox limits', () => {
  it.each(['omnidesk', 'helpdeskeddy'] as const)(
    '%s: the connection past the cap gets 503, and it serves again after',
    async (kind) => {
      const port = portOf(sandbox[kind].url);
      const held = [await hold(port), await hold(port)];
      const refused = await rawRequest(port, ['GET /_sandbox/info HTTP/1.1\r\nHost: x\r\n\r\n']);
      expect(refused.status).toBe(503);
      expect(refused.text).toMatch(/retry-after: 1/i);
      await Promise.all(held.map((s) => new Promise((r) => s.once('close', r).destroy())));
      let status: number | undefined;
      for (let i = 0; i < 100 && status !== 200; i++) {
        status = (await rawRequest(port, ['GET /_sandbox/info HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n']))
          .status;
        if (status !== 200) await new Promise((r) => setTimeout(r, 10));
      }
      expect(status).toBe(200);
    },
  );

  it.each(['omnidesk', 'helpdeskeddy'] as const)('%s: a body past the byte budget gets 503, not held', async (kind) => {
    const port = portOf(sandbox[kind].url);
    const body = JSON.stringify({ status: 500, path: 'x'.repeat(30_000) });
    const answer = await rawRequest(port, [
      `POST /_sandbox/faults HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ` +
        `${body.length}\r\n\r\n`,
      body,
    ]);
    expect(answer.status).toBe(503);
    expect(answer.text).toMatch(/retry-after: 1/i);
    expect(internalErrors).toEqual([]);
  });
});
