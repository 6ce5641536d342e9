/** A ResourceContext over an in-memory Omnidesk: enough for reads, no network. */
import { emptyState } from '../../src/core/state.js';
import { schema } from './registry.js';
import { type Config, type BaseIntegration as Integration } from '../../src/model/config.js';
import { Io } from '../../src/core/io/io.js';
import type { ResourceContext } from '../../src/model/resource.js';
import type {
  CustomChannel,
  CustomField,
  OmnideskApi,
  Staff,
  StaffStatus,
} from '../../src/helpdesks/omnidesk/client/types.js';
import { lazyClients } from '../../src/helpdesks/clients.js';

export interface FakeData {
  channels?: CustomChannel[];
  fields?: CustomField[];
  staff?: Staff[];
  statuses?: StaffStatus[];
}

export function fakeApi(data: FakeData): OmnideskApi {
  const api: Partial<OmnideskApi> = {
    listCustomChannels: async () => data.channels ?? [],
    listCustomFields: async () => data.fields ?? [],
    listStaff: async () => data.staff ?? [],
    listStaffStatuses: async () => data.statuses ?? [],
  };
  return api as OmnideskApi;
}

export const SECRET = 'bm-secret-0123456789abcdef';

export function config(integrations: unknown[]): Config {
  return schema.parse({
    omnidesk: { url: 'https://acme.omnidesk.ru', email: 'admin@acme.ru', apiKey: 'key-abcdef123456' },
    integrations,
  });
}

export function rcFor(cfg: Config, integration: Integration, data: FakeData): ResourceContext {
  const sink = { write: () => true };
  return {
    config: cfg,
    integration,
    lang: 'en',
    io: new Io({ stdout: sink, stderr: sink, stdin: {}, env: {} }),
    state: emptyState(),
    signal: new AbortController().signal,
    clients: lazyClients({}, { omnidesk: async () => fakeApi(data) }),
  };
}

export function channel(over: Partial<CustomChannel> = {}): CustomChannel {
  return {
    channel_id: 7,
    channel_api_key: 'cch7',
    title: 'Mobile app',
    channel_type: 'sync',
    webhook_url: 'https://app.example.com/omnidesk/replies',
    active: true,
    ...over,
  };
}
