/** Starts `omnibot listen` as a real process and waits for its ready line (shared by the capture e2e tests). */
import { execa, type ResultPromise } from 'execa';
import { BIN } from '../helpers/run-cli.js';

export interface ListenProcess {
  url: string;
  port: number;
  child: ResultPromise;
  stdout(): string;
  stderr(): string;
  /** Sends the signal and waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<{ exitCode: number | undefined; stdout: string; stderr: string }>;
}

const running = new Set<ResultPromise>();

export const CLI_ENV = { CI: 'true', FORCE_COLOR: '0', NO_COLOR: '1' };

export async function startListen(args: string[], options: { cwd?: string; env?: Record<string, string>; quietStdout?: boolean } = {}): Promise<ListenProcess> {
  const child = execa('node', [BIN, 'listen', '--port', '0', ...args], {
    reject: false,
    cwd: options.cwd,
    env: { ...CLI_ENV, ...options.env },
    stdout: options.quietStdout ? 'ignore' : 'pipe',
    buffer: false,
  });
  running.add(child);
  void child.finally(() => running.delete(child));
  let out = '';
  let err = '';
  child.stdout?.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr?.setEncoding('utf8').on('data', (d: string) => (err += d));
  const ready = await new Promise<{ url: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`listen did not get ready: ${err}`)), 20_000);
    const check = () => {
      const match = /^ready (\{.*\})$/m.exec(err);
      if (match) {
        clearTimeout(timer);
        child.stderr?.off('data', check);
        resolve(JSON.parse(match[1]!) as { url: string });
      }
    };
    child.stderr?.on('data', check);
    void child.then(() => reject(new Error(`listen exited early: ${err}`)));
  });
  return {
    url: ready.url,
    port: Number(new URL(ready.url).port),
    child,
    stdout: () => out,
    stderr: () => err,
    async stop(signal = 'SIGTERM') {
      child.kill(signal);
      const result = await child;
      return { exitCode: result.exitCode, stdout: out, stderr: err };
    },
  };
}

/** For afterEach: no listener outlives its test. */
export async function killListeners(): Promise<void> {
  for (const child of running) child.kill('SIGKILL');
  await Promise.all([...running].map((c) => c.catch(() => undefined)));
}
