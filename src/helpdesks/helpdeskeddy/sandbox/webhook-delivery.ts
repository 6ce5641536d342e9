/**
 * Sends one dispatcher webhook and records the outcome on its delivery record (what
 * `/_sandbox/deliveries` shows). A 2xx or 3xx answer is success, as the vendor documents for its
 * webhooks (reference §4.2); otherwise, with retries on, it tries again after `retryDelayMs`.
 * The real product waits 30 minutes between attempts; the sandbox waits milliseconds so a test
 * can watch all of them.
 */
import { sendRequest } from '../../../core/http/send.js';
import { setTimeout as sleep } from 'node:timers/promises';

export interface Delivery {
  id: number;
  ruleId: number;
  ruleTitle: string;
  /** The catalog's event name, as the other sandbox's deliveries name theirs. */
  event: 'helpdeskeddy.new_ticket' | 'helpdeskeddy.new_reply';
  /** The required condition that fired: «Новая заявка» or «Новый ответ в заявке». */
  trigger: 'new_ticket' | 'new_reply';
  ticketId: string;
  postId: string;
  /** Who wrote the post that fired the rule: a staff post firing it means no loop guard. */
  authorGroup: 'client' | 'staff';
  url: string;
  method: string;
  format: string;
  contentType: string;
  /** The last attempt's HTTP status; 0 while pending or when no answer came. */
  status: number;
  ms: number;
  attempts: number;
  error?: string;
  at: string;
  body: string;
}

export interface DeliveryOptions {
  timeoutMs: number;
  /** Attempts in all when retries are on (the first included). */
  retryAttempts: number;
  retryDelayMs: number;
}

export const CONTENT_TYPES: Record<string, string> = {
  JSON: 'application/json',
  XML: 'application/xml',
  'X-FORM-URLENCODED': 'application/x-www-form-urlencoded',
};

export async function deliver(
  d: Delivery,
  retries: boolean,
  options: DeliveryOptions,
  signal: AbortSignal,
): Promise<void> {
  const attempts = retries ? Math.max(1, options.retryAttempts) : 1;
  for (let i = 0; i < attempts; i++) {
    if (i > 0) await sleep(options.retryDelayMs, undefined, { signal }).catch(() => undefined);
    if (signal.aborted) return;
    const result = await sendRequest({
      url: d.url,
      method: d.method,
      headers: { 'content-type': d.contentType, 'user-agent': 'HelpDeskEddy-sandbox (omnibot)' },
      body: d.body,
      timeoutMs: options.timeoutMs,
      signal,
      maxResponseBytes: 64 * 1024,
    });
    d.attempts = i + 1;
    d.ms = result.ms;
    d.status = result.status ?? 0;
    if (result.error) d.error = result.error;
    else delete d.error;
    if (result.status !== undefined && result.status >= 200 && result.status < 400) return;
    if (!result.error) d.error = `HTTP ${result.status}`;
  }
}
