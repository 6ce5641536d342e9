/**
 * The reference bot's API clients, loaded on the first webhook so that a bot that only ever
 * serves one helpdesk never loads the other's client.
 */
import type { OmnideskApi } from '../helpdesks/omnidesk/client/types.js';
import type { BotEvent } from './events.js';
import { HelpdeskeddyResponder } from './helpdeskeddy-handler.js';

export interface Connection {
  url: string;
  email: string;
  apiKey: string;
}

export async function connectOmnidesk(conn: Connection): Promise<OmnideskApi> {
  const { createOmnideskClient } = await import('../helpdesks/omnidesk/client/http.js');
  return createOmnideskClient({ url: conn.url, email: conn.email, apiKey: conn.apiKey });
}

export async function connectHelpdeskeddy(conn: Connection, emit: (event: BotEvent) => void): Promise<HelpdeskeddyResponder> {
  const { createHelpdeskeddyClient } = await import('../helpdesks/helpdeskeddy/client/http.js');
  const api = createHelpdeskeddyClient({ url: conn.url, email: conn.email, apiKey: conn.apiKey });
  return new HelpdeskeddyResponder(api, emit);
}
