/**
 * The sandbox's «Диспетчер»: it executes `HdeDispatcherRuleSpec` objects, the very ones the
 * recipe prints as manual steps. «Обязательные условия» are alternatives (the seed's one rule
 * lists «Новая заявка» and «Новый ответ в заявке» and must fire on both); extra conditions must
 * all hold. The «Отправить вебхук» action renders the body template and sends it, async (after
 * the API call answered) or sync (the API call waits), with or without retries.
 *
 * Without the loop guard («Группа автора последнего ответа = Клиент») a staff post — the bot's
 * own reply — fires the rule again, as on the real product. The sandbox lets that loop run
 * `loopLimit` times per ticket so verify can see the repeated webhooks, then stops it, so a test
 * or a demo never spins forever.
 */
import type { HdeDispatcherRuleSpec } from '../specs.js';
import { renderTemplate } from '../template.js';
import type { HdeStore, StoreEvent } from './store.js';
import { tagValues } from './tag-values.js';
import { CONTENT_TYPES, deliver, type Delivery, type DeliveryOptions } from './webhook-delivery.js';

export interface DispatcherRule {
  id: number;
  spec: HdeDispatcherRuleSpec;
}

export interface DispatcherOptions extends DeliveryOptions {
  /** Consecutive firings on staff posts allowed per rule and ticket before the sandbox stops a loop. */
  loopLimit: number;
  /** 'none' sends naively substituted bodies (reference §4.3 asks the emulator to offer both). */
  escape: 'json' | 'none';
  origin(): string;
}

export class Dispatcher {
  rules: DispatcherRule[] = [];
  deliveries: Delivery[] = [];
  /** `${ruleId}/${ticketId}` → firings on staff posts since the last client post. */
  private staffChain = new Map<string, number>();
  private nextRule = 1;
  private nextDelivery = 1;
  private readonly pending = new Set<Promise<void>>();
  private abort = new AbortController();

  constructor(
    private readonly store: HdeStore,
    private readonly options: DispatcherOptions,
  ) {}

  upsert(spec: HdeDispatcherRuleSpec): { rule_id: number; created: boolean } {
    const existing = this.rules.find((r) => r.spec.title === spec.title);
    if (existing) {
      existing.spec = spec;
      return { rule_id: existing.id, created: false };
    }
    const rule = { id: this.nextRule++, spec };
    this.rules.push(rule);
    return { rule_id: rule.id, created: true };
  }

  remove(id: number): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((r) => r.id !== id);
    return this.rules.length < before;
  }

  reset(): void {
    this.abort.abort();
    this.abort = new AbortController();
    this.rules = [];
    this.deliveries = [];
    this.staffChain.clear();
    this.nextRule = 1;
    this.nextDelivery = 1;
  }

  /** Runs every matching rule; resolves once the sync ones are delivered. */
  async handle(event: StoreEvent): Promise<void> {
    const ticket = this.store.ticket(event.ticketId);
    const post = this.store.posts.find((p) => p.id === event.postId);
    if (!ticket || !post) return;
    const authorGroup: 'client' | 'staff' = this.store.isStaff(post.userId) ? 'staff' : 'client';
    const sync: Array<Promise<void>> = [];
    for (const rule of this.rules) {
      const { spec } = rule;
      if (!spec.required.includes(event.type)) continue;
      if (
        !spec.extra.every(
          (c) => c.field === 'last_reply_author_group' && (c.op ?? 'eq') === 'eq' && c.value === authorGroup,
        )
      )
        continue;
      const chainKey = `${rule.id}/${ticket.id}`;
      if (authorGroup === 'client') this.staffChain.set(chainKey, 0);
      else {
        const chain = (this.staffChain.get(chainKey) ?? 0) + 1;
        this.staffChain.set(chainKey, chain);
        if (chain > this.options.loopLimit) continue;
      }
      const values = tagValues(this.store, ticket, post, this.options.origin());
      const delivery: Delivery = {
        id: this.nextDelivery++,
        ruleId: rule.id,
        ruleTitle: spec.title,
        event: `helpdeskeddy.${event.type}`,
        trigger: event.type,
        ticketId: String(ticket.id),
        postId: String(post.id),
        authorGroup,
        url: renderTemplate(spec.action.url, values, { escape: 'none' }).replace(/\s/g, ''),
        method: spec.action.method,
        format: spec.action.format,
        contentType: CONTENT_TYPES[spec.action.format] ?? 'application/json',
        status: 0,
        ms: 0,
        attempts: 0,
        at: new Date().toISOString(),
        body: spec.action.method === 'GET' ? '' : this.body(spec, values),
      };
      this.deliveries.push(delivery);
      const run = deliver(delivery, spec.action.retries, this.options, this.abort.signal);
      if (spec.action.mode === 'sync') sync.push(run);
      else this.track(run);
    }
    await Promise.all(sync);
  }

  private body(spec: HdeDispatcherRuleSpec, values: Record<string, string>): string {
    const { format, body } = spec.action;
    if (format === 'JSON') return renderTemplate(body, values, { escape: this.options.escape });
    const encode =
      format === 'X-FORM-URLENCODED'
        ? encodeURIComponent
        : (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    const encoded = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, encode(v)]));
    return renderTemplate(body, encoded, { escape: 'none' });
  }

  private track(run: Promise<void>): void {
    this.pending.add(run);
    void run.finally(() => this.pending.delete(run));
  }

  /** Resolves when no async delivery is in flight (tests and `close`). */
  async idle(): Promise<void> {
    while (this.pending.size) await Promise.all([...this.pending]);
  }

  async close(): Promise<void> {
    this.abort.abort();
    await this.idle();
  }
}
