import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/run-cli.js';

let blocker: Server;
let port: number;

beforeAll(async () => {
  blocker = createServer((_req, res) => res.end());
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  port = (blocker.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => blocker.close(() => resolve()));
});

// Both servers treat a taken port the same way: an operation that failed (exit 1), naming the port.
describe('a port already in use', () => {
  it('omnibot listen exits 1 naming the port and suggesting --port 0', async () => {
    const r = await runCli(['listen', '--port', String(port)]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain(`${port}`);
    expect(r.stderr).toContain('--port 0');
    expect(r.stdout).toBe('');
  });

  it('omnibot sandbox exits 1 naming the port', async () => {
    const r = await runCli(['sandbox', '--port', String(port)]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain(`${port}`);
    expect(r.stderr).not.toMatch(/^ready /m);
  });
});
