/**
 * On the sandbox, verify can see what no real helpdesk shows: every webhook the rule engine
 * sent, where, and how the bot answered (`GET /_sandbox/deliveries`). The round trip uses it
 * for the "webhook delivered" line of the timeline and to tell "the rule sent nothing" apart
 * from "the bot failed" when a hop times out.
 */
import { parseBody } from '../../core/webhook-body.js';
import { HELPDESKS } from '../../helpdesks/registry.js';
import type { Delivery } from '../../server/deliveries.js';

/** One entry of `GET /_sandbox/deliveries`: the sandbox's own log record, as JSON. */
export type SandboxDelivery = Delivery;

export interface DeliveryReader {
  adminRequest<T = unknown>(method: 'GET', path: string): Promise<T>;
}

/** The deliveries logged after id `since` (the sandbox filters; the check here guards the rest). */
export async function deliveriesSince(api: DeliveryReader, since: number): Promise<SandboxDelivery[]> {
  const list = await api.adminRequest<SandboxDelivery[]>('GET', `/_sandbox/deliveries?since=${since}`);
  return (Array.isArray(list) ? list : []).filter((d) => d.id > since);
}

/** The case (or ticket) id and text a delivered webhook carried, if it is one of ours. */
export function deliveryCase(d: SandboxDelivery): { caseId: number; text: string } | undefined {
  const body = parseBody(d.contentType, d.body);
  if (!body) return undefined;
  // Event names start with the helpdesk's kind: `omnidesk.incoming`, `helpdeskeddy.new_ticket`.
  const desk = HELPDESKS.find((h) => d.event.startsWith(`${h.kind}.`));
  const msg = desk?.bot.read(body);
  return msg ? { caseId: msg.caseId, text: msg.text } : undefined;
}

export function delivered(d: SandboxDelivery): boolean {
  return !d.error && d.status >= 200 && d.status < 300;
}

/** Follows the delivery log of one sandbox, reading only what is new each time. */
export class DeliveryWatch {
  private since = 0;
  readonly seen: SandboxDelivery[] = [];

  constructor(private readonly api: DeliveryReader) {}

  /** New deliveries for the given case since the last call. */
  async poll(caseId: number): Promise<SandboxDelivery[]> {
    const fresh: SandboxDelivery[] = [];
    for (const d of await deliveriesSince(this.api, this.since)) {
      this.since = Math.max(this.since, d.id);
      if (deliveryCase(d)?.caseId === caseId) {
        this.seen.push(d);
        fresh.push(d);
      }
    }
    return fresh;
  }
}

export function describeDelivery(d: SandboxDelivery): string {
  if (d.error || d.status === 0) return `${d.url} failed: ${d.error ?? 'no answer'}`;
  return `${d.url} answered ${d.status} in ${d.ms} ms`;
}
