/**
 * Opens a URL in the person's browser: $BROWSER when set, else the platform's opener. Failure
 * is not an error (a server with no desktop): the address is printed anyway.
 */
import { spawn } from 'node:child_process';

export function openInBrowser(url: string, env: NodeJS.ProcessEnv, platform = process.platform): void {
  const [command, ...args] = env.BROWSER
    ? [env.BROWSER, url]
    : platform === 'darwin'
      ? ['open', url]
      : platform === 'win32'
        ? ['cmd', '/c', 'start', '""', url]
        : ['xdg-open', url];
  try {
    const child = spawn(command, args, { detached: true, stdio: 'ignore' });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // No opener on this machine: the printed address is enough.
  }
}
