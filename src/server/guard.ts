/**
 * A node:http server for a sandbox, with the limits every server of ours keeps: a cap on open
 * connections, a byte budget for unfinished bodies, and short header/request timeouts so a slow
 * client cannot pin a socket for minutes. Handlers never see a connection refused for the cap.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { ByteBudget, capConnections, isRefused } from './limits.js';

export interface ServerLimits {
  /** Open connections; the next one gets a 503 (default 512). */
  maxConnections?: number;
  /** Bytes of unfinished request bodies held at once; a body over it gets a 503 (default 64 MiB). */
  maxPendingBytes?: number;
  /** A client whose headers take longer is answered 408 (default 10 s). */
  headersTimeoutMs?: number;
  /** A client whose whole request takes longer is answered 408 (default 30 s). */
  requestTimeoutMs?: number;
}

export const DEFAULT_MAX_CONNECTIONS = 512;
export const DEFAULT_MAX_PENDING_BYTES = 64 * 1024 * 1024;

export interface GuardedServer {
  server: Server;
  budget: ByteBudget;
  openConnections(): number;
}

export function guardedServer(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
  limits: ServerLimits = {},
): GuardedServer {
  const headersTimeout = limits.headersTimeoutMs ?? 10_000;
  const server = createServer(
    {
      headersTimeout,
      requestTimeout: Math.max(limits.requestTimeoutMs ?? 30_000, headersTimeout),
      // Timeouts are enforced on this interval (Node's default of 30 s would let stalls linger).
      connectionsCheckingInterval: Math.min(1_000, headersTimeout),
    },
    (req, res) => {
      if (isRefused(req.socket)) {
        res.destroy();
        return;
      }
      handler(req, res);
    },
  );
  const openConnections = capConnections(server, limits.maxConnections ?? DEFAULT_MAX_CONNECTIONS);
  return { server, budget: new ByteBudget(limits.maxPendingBytes ?? DEFAULT_MAX_PENDING_BYTES), openConnections };
}
