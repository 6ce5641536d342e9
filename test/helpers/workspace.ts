/**
 * Shared set-up of the custom-channel, BILLmanager and Chaport e2e tests: the sandbox in this
 * process, a loopback receiver standing in for the channel endpoint (or BILLmanager's CGI), a
 * temp folder with a config and .env, and the CLI (main(), in-process) run inside it.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/index.js';
import { runCli, type CliResult } from './run-cli.js';
import { tempDir } from './temp-dir.js';

export interface Received {
  method: string;
  url: string;
  contentType: string;
  body: string;
}

export interface Receiver {
  url: string;
  received: Received[];
  close(): Promise<void>;
}

/** Answers 200, or what `answer` says (e.g. 403 for a wrong secret); records every request. */
export async function startReceiver(answer: (req: IncomingMessage) => number = () => 200): Promise<Receiver> {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({
        method: req.method ?? '',
        url: req.url ?? '',
        contentType: String(req.headers['content-type'] ?? ''),
        body: Buffer.concat(chunks).toString('utf8'),
      });
      res.writeHead(answer(req), { 'content-type': 'application/json' });
      res.end('{"result":"ok"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${address.port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface Workspace {
  dir: string;
  sandbox: RunningSandbox;
  cli(args: string[], env?: Record<string, string>): Promise<CliResult>;
  json<T = any>(args: string[], env?: Record<string, string>): Promise<{ result: CliResult; data: T }>;
  writeConfig(integrations: unknown[]): Promise<void>;
  state(): Promise<any>;
  admin<T = any>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T>;
  close(): Promise<void>;
}

export async function workspace(env: Record<string, string> = {}): Promise<Workspace> {
  const sandbox = await startSandbox();
  const { dir, cleanup } = await tempDir('omnibot-cc-');
  await writeFile(
    join(dir, '.env'),
    Object.entries({ OMNIDESK_API_KEY: 'sandbox-api-key', ...env })
      .map(([k, v]) => `${k}=${v}`)
      .join('\n') + '\n',
  );
  const ws: Workspace = {
    dir,
    sandbox,
    cli: (args, extra = {}) => runCli(args, { cwd: dir, env: extra }),
    async json(args, extra) {
      const result = await ws.cli([...args, '--json'], extra);
      let data: any;
      try {
        data = JSON.parse(result.stdout);
      } catch {
        throw new Error(`not JSON (exit ${result.exitCode}):\n${result.stdout}\n${result.stderr}`);
      }
      return { result, data };
    },
    async writeConfig(integrations) {
      const config = {
        omnidesk: { url: sandbox.omnidesk.url, email: 'admin@sandbox.test', apiKey: '${OMNIDESK_API_KEY}' },
        integrations,
      };
      await writeFile(join(dir, 'omnibot.config.json'), JSON.stringify(config, null, 2));
    },
    async state() {
      return JSON.parse(await readFile(join(dir, '.omnibot', 'state.json'), 'utf8'));
    },
    async admin(method, path, body) {
      const res = await fetch(new URL(path, sandbox.omnidesk.url), {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
      return text ? JSON.parse(text) : undefined;
    },
    async close() {
      await sandbox.close();
      await cleanup();
    },
  };
  return ws;
}

/** Check results of a verify --json report, as id → status. */
export function statuses(report: { checks: Array<{ id: string; status: string }> }): Record<string, string> {
  return Object.fromEntries(report.checks.map((c) => [c.id, c.status]));
}

export function failedIds(report: { checks: Array<{ id: string; status: string }> }): string[] {
  return report.checks.filter((c) => c.status === 'fail').map((c) => c.id);
}
