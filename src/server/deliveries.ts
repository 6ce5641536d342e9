/**
 * Outbound webhooks of a sandbox (rule webhooks, custom-channel replies, dispatcher rules) and
 * the log of what happened to each. Sent with node:http so the server side has no undici; one
 * attempt each, with a timeout, never retried (the sandbox records, the test decides).
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface OutboundWebhook {
  /** Catalog name of what is sent, e.g. `omnidesk.incoming`, `omnidesk.message_new`. */
  event: string;
  url: string;
  method: string;
  contentType?: string;
  body: string;
  ruleId?: number;
}

export interface Delivery {
  id: number;
  ruleId?: number;
  event: string;
  url: string;
  method: string;
  /** The receiver's HTTP status; 0 when no answer came (refused, timeout, bad URL). */
  status: number;
  ms: number;
  error?: string;
  /** ISO 8601, when the attempt started. */
  at: string;
  contentType?: string;
  body: string;
}

export interface DeliveryLogOptions {
  timeoutMs?: number;
  userAgent?: string;
}

const MAX_DELIVERIES = 2000;

export class DeliveryLog {
  private done: Delivery[] = [];
  private readonly inFlight = new Set<Promise<Delivery>>();
  private readonly aborter = new AbortController();
  private nextId = 1;
  private readonly timeoutMs: number;
  private readonly userAgent: string;

  constructor(options: DeliveryLogOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.userAgent = options.userAgent ?? 'omnibot-sandbox';
  }

  /** Starts the delivery and resolves with its record once it is logged. Never rejects. */
  send(hook: OutboundWebhook): Promise<Delivery> {
    const id = this.nextId++;
    const started = Date.now();
    const promise = this.attempt(hook).then(({ status, error }) => {
      const delivery: Delivery = {
        id,
        ...(hook.ruleId !== undefined ? { ruleId: hook.ruleId } : {}),
        event: hook.event,
        url: hook.url,
        method: hook.method,
        status,
        ms: Date.now() - started,
        ...(error ? { error } : {}),
        at: new Date(started).toISOString(),
        ...(hook.contentType ? { contentType: hook.contentType } : {}),
        body: hook.body,
      };
      this.done.push(delivery);
      if (this.done.length > MAX_DELIVERIES) this.done.splice(0, this.done.length - MAX_DELIVERIES);
      return delivery;
    });
    this.inFlight.add(promise);
    void promise.finally(() => this.inFlight.delete(promise));
    return promise;
  }

  list(): Delivery[] {
    return [...this.done].sort((a, b) => a.id - b.id);
  }

  clear(): void {
    this.done = [];
  }

  /** Resolves when every delivery started so far has been logged (tests, shutdown). */
  async settle(): Promise<void> {
    while (this.inFlight.size) await Promise.all([...this.inFlight]);
  }

  /** Cuts deliveries still running (they are logged as errors) and waits for them. */
  async close(): Promise<void> {
    this.aborter.abort();
    await this.settle();
  }

  private attempt(hook: OutboundWebhook): Promise<{ status: number; error?: string }> {
    return new Promise((resolve) => {
      let url: URL;
      try {
        url = new URL(hook.url);
        if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http(s)');
      } catch {
        resolve({ status: 0, error: `invalid URL: ${hook.url}` });
        return;
      }
      if (this.aborter.signal.aborted) {
        resolve({ status: 0, error: 'sandbox closed' });
        return;
      }
      const payload = Buffer.from(hook.body, 'utf8');
      const headers: Record<string, string | number> = {
        'user-agent': this.userAgent,
        'content-length': payload.length,
      };
      if (hook.contentType && payload.length) headers['content-type'] = hook.contentType;
      const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
      let settled = false;
      const finish = (result: { status: number; error?: string }) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.aborter.signal.removeEventListener('abort', onAbort);
        resolve(result);
      };
      const req = send(url, { method: hook.method, headers }, (res: IncomingMessage) => {
        res.resume();
        res.on('end', () => finish({ status: res.statusCode ?? 0 }));
        res.on('error', (err) => finish({ status: res.statusCode ?? 0, error: err.message }));
      });
      const timer = setTimeout(() => {
        finish({ status: 0, error: `timeout after ${this.timeoutMs} ms` });
        req.destroy();
      }, this.timeoutMs);
      const onAbort = () => {
        finish({ status: 0, error: 'sandbox closed' });
        req.destroy();
      };
      this.aborter.signal.addEventListener('abort', onAbort, { once: true });
      req.on('error', (err: NodeJS.ErrnoException) => finish({ status: 0, error: err.code ?? err.message }));
      req.end(payload);
    });
  }
}
