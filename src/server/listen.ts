/**
 * Starting and stopping a sandbox's node:http server. A busy port is a clear error that names
 * the port and the flag to change, not an EADDRINUSE stack trace.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FailedError } from '../core/errors.js';

export interface ListenOptions {
  host: string;
  port: number;
  /** What is starting, for the error message: "Omnidesk sandbox". */
  what: string;
  /** The flag that sets this port, for the hint: "--port". */
  flag?: string;
}

function formatOrigin(host: string, port: number): string {
  const h = host.includes(':') ? `[${host}]` : host;
  return `http://${h}:${port}`;
}

/** Listens and resolves with the origin (`http://127.0.0.1:41234`, no trailing slash). */
export function listen(server: Server, options: ListenOptions): Promise<string> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      const where = `${options.host}:${options.port}`;
      const flag = options.flag ? ` (${options.flag})` : '';
      if (err.code === 'EADDRINUSE') {
        reject(
          new FailedError(`${options.what}: port ${options.port} is already in use on ${options.host}.`, {
            code: 'port_in_use',
            hint: `Stop what uses port ${options.port}, or pick another port${flag}; 0 picks a free one.`,
            details: { port: options.port, host: options.host },
          }),
        );
      } else if (err.code === 'EACCES') {
        reject(
          new FailedError(`${options.what}: not allowed to listen on ${where}.`, {
            code: 'port_denied',
            hint: `Ports below 1024 need privileges; pick a higher port${flag}, or 0 for a free one.`,
            details: { port: options.port, host: options.host },
          }),
        );
      } else {
        reject(new FailedError(`${options.what}: cannot listen on ${where}: ${err.message}`, { cause: err }));
      }
    };
    const onListening = () => {
      server.off('error', onError);
      const address = server.address() as AddressInfo;
      resolve(formatOrigin(options.host, address.port));
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(options.port, options.host);
  });
}

/** Closes the server and drops idle keep-alive connections so close() does not hang. */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    server.closeIdleConnections();
    // Whatever is still open after a moment is a client that will not finish on its own.
    setTimeout(() => server.closeAllConnections(), 200).unref();
  });
}
