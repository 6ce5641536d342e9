/**
 * Helpdesk clients, built on first use and shared by everything in one run. Nothing here
 * touches the network (or loads undici) until someone asks for a client, so `steps` stays
 * offline. `get(kind)` is typed by the registry: `get('omnidesk')` is an `OmnideskApi`.
 */
import { AuthError, ConfigError } from '../core/errors.js';
import type { ClientOptions, Connection } from './define.js';
import { helpdesk, type HelpdeskApi, type HelpdeskKind } from './registry.js';

export interface ClientSet {
  get<K extends HelpdeskKind>(kind: K): Promise<HelpdeskApi<K>>;
}

/** Clients a test or the demo supplies instead of the real ones, per helpdesk. */
export type ClientOverrides = { [K in HelpdeskKind]?: () => Promise<HelpdeskApi<K>> };

/** The connection sections of a config, one per helpdesk it uses. */
export type Connections = { [K in HelpdeskKind]?: Connection };

export function lazyClients(
  connections: Connections,
  overrides: ClientOverrides = {},
  options: ClientOptions = {},
): ClientSet {
  const made = new Map<HelpdeskKind, Promise<unknown>>();
  return {
    get<K extends HelpdeskKind>(kind: K): Promise<HelpdeskApi<K>> {
      let client = made.get(kind);
      if (!client) {
        const override = overrides[kind];
        client = override ? override() : make(kind, connections, options);
        made.set(kind, client);
      }
      return client as Promise<HelpdeskApi<K>>;
    },
  };
}

async function make<K extends HelpdeskKind>(
  kind: K,
  connections: Connections,
  options: ClientOptions,
): Promise<HelpdeskApi<K>> {
  const conn = (connections as Partial<Record<HelpdeskKind, Connection>>)[kind];
  if (!conn)
    throw new ConfigError(`The config has no "${kind}" section (url, email, apiKey).`, { code: 'config_invalid' });
  const client = (await helpdesk(kind).client(conn, options)) as HelpdeskApi<K>;
  return conn.keySource ? tellingKeySource(client, conn.keySource) : client;
}

/**
 * The client, whose refusals (AuthError, exit 3) say where the key came from. Every method's
 * promise is passed through; anything that is not a promise is returned untouched.
 */
function tellingKeySource<T extends object>(client: T, source: string): T {
  return new Proxy(client, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const out = (value as (...a: unknown[]) => unknown).apply(target, args);
        if (!(out instanceof Promise)) return out;
        return out.catch((err: unknown) => {
          throw err instanceof AuthError ? err.withKeySource(source) : err;
        });
      };
    },
  });
}
