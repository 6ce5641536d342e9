/**
 * What the Omnidesk sandbox's handlers share (the store, the clock, the webhook field file,
 * the delivery log), and the per-call transaction that collects outbound webhooks so they are
 * sent only after the API has answered.
 */
import type { DeliveryLog, OutboundWebhook } from '../../../server/deliveries.js';
import type { CallContext } from '../../../server/sandbox-server.js';
import type { OmnideskStore } from './store.js';
import type { WebhookFieldFile } from '../webhook-fields.js';

export interface OmnideskWorld {
  /** Replaced wholesale by `/_sandbox/reset`. */
  store: OmnideskStore;
  now(): number;
  fields: WebhookFieldFile;
  deliveries: DeliveryLog;
  /** `http://host:port` as the last API call addressed it: the base of case_url and file URLs. */
  origin: string;
}

export interface Txn {
  store: OmnideskStore;
  fields: WebhookFieldFile;
  origin: string;
  /** One timestamp for everything the call changes. */
  at: number;
  outbox: OutboundWebhook[];
}

export function begin(world: OmnideskWorld): Txn {
  return { store: world.store, fields: world.fields, origin: world.origin, at: world.now(), outbox: [] };
}

/** Sends the call's webhooks once the reply is out, each logged as a delivery. */
export function commit<A>(world: OmnideskWorld, txn: Txn, ctx: CallContext<A>): void {
  if (!txn.outbox.length) return;
  const hooks = [...txn.outbox];
  ctx.afterReply(() => {
    for (const hook of hooks) void world.deliveries.send(hook);
  });
}
