/**
 * Bounds on what a server of ours holds for clients, so no number of hanging or oversized
 * requests can take the process's memory: a cap on open connections (the one past it gets a
 * 503 and is closed) and a byte budget shared by every request body still being received (a
 * body that would overrun it gets a 503). The listener and both sandboxes use these.
 */
import type { Server } from 'node:http';
import type { Socket } from 'node:net';

/** Bytes of unfinished request bodies held at once, shared by every connection of a server. */
export class ByteBudget {
  private used = 0;

  constructor(readonly limit: number) {}

  /** Takes `n` bytes if they fit; false (nothing taken) when they would overrun the budget. */
  take(n: number): boolean {
    if (this.used + n > this.limit) return false;
    this.used += n;
    return true;
  }

  give(n: number): void {
    this.used = Math.max(0, this.used - n);
  }

  get held(): number {
    return this.used;
  }
}

/** The raw answer to a connection over the cap: there is no request object to answer through. */
export function busyResponse(retryAfterSeconds = 1): string {
  const body = '{"error":"server busy: too many connections; retry later"}';
  return (
    'HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Type: application/json\r\n' +
    `Retry-After: ${retryAfterSeconds}\r\nContent-Length: ${body.length}\r\n\r\n${body}`
  );
}

const REFUSED = Symbol('omnibot.server.refused');
type MarkedSocket = Socket & { [REFUSED]?: boolean };

/** True for a socket `capConnections` turned away: its requests must not be handled. */
export function isRefused(socket: Socket | null | undefined): boolean {
  return Boolean(socket && (socket as MarkedSocket)[REFUSED]);
}

/**
 * Answers every connection past `max` open ones with a 503 and closes it. Node's own
 * `maxConnections` would drop it without a word (the sender sees a reset, not "busy").
 * Returns a function telling how many connections are open.
 */
export function capConnections(server: Server, max: number): () => number {
  let open = 0;
  // Before Node's own listener, so a refused socket is marked before its parser sees a byte.
  server.prependListener('connection', (socket: Socket) => {
    open += 1;
    socket.once('close', () => {
      open -= 1;
    });
    if (open <= max) return;
    (socket as MarkedSocket)[REFUSED] = true;
    socket.on('error', () => undefined);
    socket.end(busyResponse(), () => socket.destroy());
    // Whatever the client still sends is not read into memory.
    socket.pause();
    setTimeout(() => socket.destroy(), 1_000).unref();
  });
  return () => open;
}
