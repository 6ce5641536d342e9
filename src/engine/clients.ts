/**
 * Helpdesk clients, built on first use and shared by every resource of a run. Nothing here
 * touches the network until a resource asks, so `steps` and `--help` stay offline and fast.
 */
import type { Config } from '../config/schema.js';
import { ConfigError } from '../errors.js';
import type { OmnideskApi } from '../omnidesk/types.js';
import type { EngineContext } from './types.js';

export interface ClientSet {
  omnidesk(): Promise<OmnideskApi>;
  /** Typed by the HelpDeskEddy client module; the engine only needs its sandbox methods. */
  helpdeskeddy(): Promise<unknown>;
}

// Dynamic imports keep undici out of the start-up path. The HelpDeskEddy module is named in a
// variable so that the engine compiles before (and without depending on) its exact exports.
const HDE_HTTP = '../helpdeskeddy/http.js';

export interface ClientOptions {
  signal?: AbortSignal;
  /** Debug lines from the clients (method, path, status, retries); never credentials. */
  log?: (line: string) => void;
}

type Factory = (options: Record<string, unknown>) => unknown;

async function factory(specifier: string, names: string[]): Promise<Factory> {
  const mod = (await import(specifier)) as Record<string, unknown>;
  for (const name of names) if (typeof mod[name] === 'function') return mod[name] as Factory;
  throw new Error(`${specifier} exports none of ${names.join(', ')}`);
}

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
        const { createOmnideskClient } = await import('../omnidesk/http.js');
        return createOmnideskClient({ ...conn, ...options });
      }),
    helpdeskeddy:
      overrides.helpdeskeddy ??
      once(async () => {
        const conn = config.helpdeskeddy;
        if (!conn) throw new ConfigError('The config has no "helpdeskeddy" section (url, email, apiKey).', { code: 'config_invalid' });
        const create = await factory(HDE_HTTP, ['createHelpdeskeddyClient', 'createHdeClient']);
        return create({ ...conn, ...options });
      }),
  };
}

/** The clients of one engine run: injected ones where given, lazy real ones otherwise. */
export function engineClients(config: Config, ectx: Pick<EngineContext, 'clients' | 'signal' | 'io'>): ClientSet {
  return lazyClients(config, ectx.clients, { signal: ectx.signal, log: (line) => ectx.io.debug(line) });
}
