/**
 * Helpdesk clients, built on first use and shared by every resource of a run. Nothing here
 * touches the network until a resource asks, so `steps` and `--help` stay offline and fast.
 */
import { dirname } from 'node:path';
import type { Config } from '../config/schema.js';
import { ConfigError } from '../core/errors.js';
import type { OmnideskApi } from '../helpdesks/omnidesk/client/types.js';
import type { EngineContext } from './types.js';

export interface ClientSet {
  omnidesk(): Promise<OmnideskApi>;
  /** Typed by the HelpDeskEddy client module; the engine only needs its sandbox methods. */
  helpdeskeddy(): Promise<unknown>;
}

export interface ClientOptions {
  signal?: AbortSignal;
  /** Debug lines from the clients (method, path, status, retries); never credentials. */
  log?: (line: string) => void;
  /** The folder of the per-account ledger (shared rate budget, recorded bans): `.omnibot/`. */
  ledgerDir?: string;
  /** `--ignore-ban`: call even while a recorded ban is in force. */
  ignoreBan?: boolean;
}

/** Dynamic imports in here keep undici out of the start-up path; each client is built once. */
function once<T>(make: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | undefined;
  return () => (p ??= make());
}

export function lazyClients(config: Config, overrides: Partial<ClientSet> = {}, options: ClientOptions = {}): ClientSet {
  return {
    omnidesk:
      overrides.omnidesk ??
      once(async () => {
        const conn = config.omnidesk;
        if (!conn) throw new ConfigError('The config has no "omnidesk" section (url, email, apiKey).', { code: 'config_invalid' });
        const { createOmnideskClient } = await import('../helpdesks/omnidesk/client/http.js');
        return createOmnideskClient({ ...conn, ...options });
      }),
    helpdeskeddy:
      overrides.helpdeskeddy ??
      once(async () => {
        const conn = config.helpdeskeddy;
        if (!conn) throw new ConfigError('The config has no "helpdeskeddy" section (url, email, apiKey).', { code: 'config_invalid' });
        const { createHelpdeskeddyClient } = await import('../helpdesks/helpdeskeddy/client/http.js');
        return createHelpdeskeddyClient({ ...conn, ...options });
      }),
  };
}

/** The clients of one engine run: injected ones where given, lazy real ones otherwise. */
export function engineClients(
  config: Config,
  ectx: Pick<EngineContext, 'clients' | 'signal' | 'io'> & Partial<Pick<EngineContext, 'stateFile' | 'ignoreBan'>>,
): ClientSet {
  return lazyClients(config, ectx.clients, {
    signal: ectx.signal,
    log: (line) => ectx.io.debug(line),
    ...(ectx.stateFile ? { ledgerDir: dirname(ectx.stateFile) } : {}),
    ignoreBan: ectx.ignoreBan,
  });
}
