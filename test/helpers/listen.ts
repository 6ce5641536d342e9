/** `omnibot listen` started in this process (main() with its own signal), once its ready line is out. */
import { startCli, type CliResult, type RunningCli } from './run-cli.js';

export interface ListenProcess {
  url: string;
  port: number;
  stdout(): string;
  stderr(): string;
  /** Stops it as a first Ctrl-C or SIGTERM would (both abort the signal) and waits for the exit. */
  stop(): Promise<CliResult>;
}

const running = new Set<RunningCli>();

export async function startListen(
  args: string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): Promise<ListenProcess> {
  const cli = startCli(['listen', '--port', '0', ...args], options);
  running.add(cli);
  void cli.done.finally(() => running.delete(cli));
  const { url } = await cli.ready();
  return {
    url: url!,
    port: Number(new URL(url!).port),
    stdout: cli.stdout,
    stderr: cli.stderr,
    stop: cli.stop,
  };
}

/** For afterEach: no listener outlives its test. */
export async function killListeners(): Promise<void> {
  await Promise.all([...running].map((cli) => cli.stop()));
}
