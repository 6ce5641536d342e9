/**
 * The HelpDeskEddy round trip (seed 002): a tagged ticket from a test client; the dispatcher
 * rule («Новая заявка») sends it to the bot, which replies with a post; on the sandbox, the
 * bot's own post must not fire the rule again (the loop guard); the client asks for an operator
 * («Новый ответ в заявке») and the bot sets the ticket's owner. The ticket goes to the trash
 * afterwards whatever happened. HelpDeskEddy has no changelog, so on a real account the bot's
 * reply is the only proof that the rule fired; the sandbox shows its deliveries too.
 */
import type { HelpdeskeddyBotIntegration } from './schema.js';
import type { HdePost, HdeTicket, HelpdeskeddyApi } from '../../helpdesks/helpdeskeddy/client/types.js';
import { fail, pass, skip, type CheckDef, type CheckOutcome } from '../../verify/check.js';
import { resourceId } from '../../verify/checks/resources.js';
import { factKey, stepRef, type IntegrationInput, type VerifyContext } from '../../verify/context.js';
import { formatDuration } from '../../core/duration.js';
import { pollInterval, pollUntil } from '../../verify/poll.js';
import { excerpt } from '../../verify/timeline.js';
import { cleanUpCheck } from '../../verify/round-trip/clean-up.js';
import { OPERATOR_REQUEST, QUESTION, runTag, testUserEmail } from '../omnidesk-bot/round-trip.js';

/** What the HelpDeskEddy sandbox logs per webhook (`GET /_sandbox/deliveries?ticket_id=`). */
interface HdeDelivery {
  id: number;
  ruleTitle: string;
  /** The catalog event name, e.g. `helpdeskeddy.new_ticket`. */
  event: string;
  /** The required condition that fired. */
  trigger?: 'new_ticket' | 'new_reply';
  ticketId: string;
  authorGroup: 'client' | 'staff';
  url: string;
  status: number;
  ms: number;
  error?: string;
}

function triggerOf(d: HdeDelivery): string {
  return d.trigger ?? d.event.replace(/^helpdeskeddy\./, '');
}

interface Trip {
  api: HelpdeskeddyApi;
  sandbox: boolean;
  ticket?: HdeTicket;
  seen: Map<number, HdeDelivery>;
  /** Every delivery of the ticket, pending ones included (status 0, no error). */
  all: HdeDelivery[];
  /** When the test ticket was created, and how long the bot took to reply (the observed webhook latency). */
  createdAt?: number;
  replyLatencyMs?: number;
}

/**
 * The settle window of the behavioural loop check on a real account: long enough for a looping
 * rule to deliver the bot's own post back and for the bot to answer it again, judged by how fast
 * the first reply came (3×), never under 5 s, never over a minute (or the run's --timeout).
 */
const SETTLE = { factor: 3, floorMs: 5_000, capMs: 60_000 } as const;

export function settleWindowMs(replyLatencyMs: number, timeoutMs: number): number {
  return Math.min(Math.max(SETTLE.factor * replyLatencyMs, SETTLE.floorMs), SETTLE.capMs, timeoutMs);
}

const LOOP_CAUSE =
  'the rule lacks the condition «Группа автора последнего ответа» = «Клиент», so every bot reply loops back to the bot';

/** A post's text without its HTML tags, cut for one line. */
function postExcerpt(html: string): string {
  return excerpt(html.replace(/<[^>]*>/g, ' '), 60);
}

export function helpdeskeddyTripChecks(
  input: IntegrationInput<HelpdeskeddyBotIntegration>,
  needs: { endpoint?: string; agent?: string },
): CheckDef<VerifyContext>[] {
  const it = input.integration;
  const name = it.name;
  const tripKey = factKey(name, 'trip');
  const id = (s: string) => `${name}/e2e-${s}`;
  const step = () => stepRef(input, 'dispatcher-rule');
  const trip = (cx: VerifyContext) => cx.facts.get(tripKey) as Trip;
  // HelpDeskEddy bans the whole account past 300 calls a minute: poll gently.
  const pace = (t: Trip) => (attempt: number) =>
    pollInterval(
      { limitPerMinute: t.api.rate().clientLimitPerMinute },
      { callsPerRound: t.sandbox ? 2 : 1, minIntervalMs: t.sandbox ? 50 : 3000, share: 0.25 },
      attempt,
    );

  const watch = async (cx: VerifyContext, t: Trip): Promise<HdeDelivery[]> => {
    if (!t.sandbox || !t.ticket) return [];
    const list = await t.api.adminRequest<HdeDelivery[]>('GET', `/_sandbox/deliveries?ticket_id=${t.ticket.id}`);
    t.all = Array.isArray(list) ? list : [];
    for (const d of t.all) {
      if (t.seen.has(d.id) || (d.status === 0 && !d.error)) continue;
      t.seen.set(d.id, d);
      const answer = d.error ? `failed: ${d.error}` : `answered ${d.status} in ${d.ms} ms`;
      cx.timeline.add('rule-fired', `dispatcher rule «${d.ruleTitle}» fired (${triggerOf(d)}, ${d.authorGroup} post)`, {
        caseId: Number(t.ticket.id),
      });
      cx.timeline.add('webhook-delivered', `webhook delivered: ${d.url} ${answer}`, {
        caseId: Number(t.ticket.id),
        data: { deliveryId: d.id, status: d.status },
      });
    }
    return [...t.seen.values()];
  };

  /** Why the bot did not act on a client post, when the sandbox can tell. */
  const explain = (t: Trip, event: 'new_ticket' | 'new_reply', what: string, condition: string): CheckOutcome => {
    const hops = [...t.seen.values()].filter((d) => triggerOf(d) === event && d.authorGroup === 'client');
    if (t.sandbox && hops.length === 0) {
      return fail(`${what}: the dispatcher rule sent no webhook`, {
        cause: `the rule lacks «${condition}» in «Обязательные условия», or its action is not «Отправить вебхук»`,
        step: step(),
      });
    }
    const last = hops[hops.length - 1];
    if (last && (last.error || last.status < 200 || last.status >= 300)) {
      return fail(`${what}: the webhook reached ${last.url}, ${last.error ?? `answered ${last.status}`}`, {
        cause: 'the bot is down or failed on the webhook',
        step: step(),
      });
    }
    return fail(what, {
      cause: last
        ? 'the bot accepted the webhook but could not use the API (its key), or the body template misses a field it ' +
          'needs'
        : `the dispatcher rule lacks «${condition}», its URL or body template is wrong, or the bot failed`,
      step: step(),
    });
  };

  const createTicket: CheckDef<VerifyContext> = {
    id: id('ticket'),
    title: 'A tagged test ticket is created through the API',
    integration: name,
    e2e: true,
    needs: [input.credentialsCheck, ...(needs.endpoint ? [needs.endpoint] : [])],
    async run(cx) {
      const api = await cx.clients.get('helpdeskeddy');
      const t: Trip = { api, sandbox: await api.isSandbox(), seen: new Map(), all: [] };
      cx.facts.set(tripKey, t);
      const title = `${runTag(cx.runId)} Проверка бота`;
      const ticket = await api.createTicket({
        title,
        description: QUESTION,
        user_email: testUserEmail(cx.runId),
        create_from_user: true,
      });
      t.ticket = ticket;
      t.createdAt = Date.now();
      cx.pendingCleanup.set(tripKey, () => api.deleteTicket(ticket.id));
      cx.timeline.add('case-created', `ticket #${ticket.id} created: «${title}»`, { caseId: Number(ticket.id) });
      return pass(`ticket #${ticket.id} from ${testUserEmail(cx.runId)}`, { ticketId: ticket.id });
    },
  };

  const botPost = (t: Trip, posts: HdePost[]) => posts.find((p) => p.user_id !== t.ticket!.user_id);

  const replied: CheckDef<VerifyContext> = {
    id: id('reply'),
    title: 'The dispatcher rule sent the ticket to the bot, and the bot replied',
    integration: name,
    e2e: true,
    needs: [id('ticket')],
    async run(cx) {
      const t = trip(cx);
      const post = await pollUntil(
        async () => {
          await watch(cx, t);
          return botPost(t, (await t.api.listPosts(t.ticket!.id)).items);
        },
        { timeoutMs: cx.timeoutMs, signal: cx.signal, interval: pace(t) },
      );
      if (!post)
        return cx.signal.aborted
          ? skip('cancelled')
          : explain(t, 'new_ticket', `the bot did not reply within ${formatDuration(cx.timeoutMs)}`, 'Новая заявка');
      t.replyLatencyMs = Date.now() - (t.createdAt ?? Date.now());
      cx.timeline.add('bot-replied', `bot replied (post by user ${post.user_id}): «${postExcerpt(post.text)}»`, {
        caseId: Number(t.ticket!.id),
      });
      return pass(`post by user ${post.user_id}: «${postExcerpt(post.text)}»`);
    },
  };

  /**
   * A real account shows no deliveries, but it shows posts: after the bot's first reply, no
   * customer writes, so a second bot post within the settle window can only be the bot answering
   * its own reply, which the dispatcher rule sent back to it.
   */
  const behaviouralLoopCheck = async (cx: VerifyContext, t: Trip): Promise<CheckOutcome> => {
    const ticket = t.ticket!;
    const latency = t.replyLatencyMs ?? 0;
    const windowMs = settleWindowMs(latency, cx.timeoutMs);
    const isCustomer = (p: HdePost) => p.user_id === ticket.user_id;
    const before = (await t.api.listPosts(ticket.id)).items.filter(isCustomer).length;
    const again = await pollUntil(
      async () => {
        const posts = (await t.api.listPosts(ticket.id)).items;
        const bot = posts.filter((p) => !isCustomer(p));
        return bot.length > 1 && posts.filter(isCustomer).length === before ? bot : undefined;
      },
      { timeoutMs: windowMs, signal: cx.signal, interval: pace(t) },
    );
    const window =
      `${formatDuration(windowMs)} settle window (${SETTLE.factor}× the observed reply latency of ` +
      `${formatDuration(latency)}, at least ${formatDuration(SETTLE.floorMs)})`;
    const details = { settleMs: windowMs, replyLatencyMs: latency };
    if (cx.signal.aborted) return skip('cancelled');
    if (!again) return pass(`no second bot post without a customer message in the ${window}`, details);
    cx.timeline.add('bot-replied', `bot posted again (${again.length} posts) with no new customer message`, {
      caseId: Number(ticket.id),
    });
    return fail(`the bot posted ${again.length} times with no new customer message within the ${window}`, {
      cause: LOOP_CAUSE,
      step: step(),
      details,
    });
  };

  const loopGuard: CheckDef<VerifyContext> = {
    id: id('loop-guard'),
    title: "The bot's own reply does not fire the dispatcher rule again",
    integration: name,
    e2e: true,
    needs: [id('reply')],
    async run(cx) {
      const t = trip(cx);
      if (!it.loopGuard) return skip('loopGuard is off in the config');
      if (!t.sandbox) return behaviouralLoopCheck(cx, t);
      // The sandbox logs a rule's webhook (pending or not) while the post that fired it is created,
      // so once the bot's post is visible, a loop would already show.
      await watch(cx, t);
      const staff = t.all.filter((d) => d.authorGroup === 'staff');
      if (staff.length === 0) return pass("no webhook for the bot's own post");
      return fail(
        `the bot's own reply fired the dispatcher rule again (${staff.length} webhook${staff.length > 1 ? 's' : ''})`,
        {
          cause: LOOP_CAUSE,
          step: step(),
        },
      );
    },
  };

  const handOff: CheckDef<VerifyContext> = {
    id: id('handoff'),
    title: 'Asking for an operator hands the ticket off: owner set',
    integration: name,
    e2e: true,
    needs: [id('reply'), ...(needs.agent ? [needs.agent] : [])],
    async run(cx) {
      const t = trip(cx);
      const ticketId = t.ticket!.id;
      const agentId = resourceId(cx, name, 'agent');
      await t.api.createPost(ticketId, { text: OPERATOR_REQUEST, user_id: t.ticket!.user_id });
      cx.timeline.add('user-replied', `client replied: «${OPERATOR_REQUEST}»`, { caseId: Number(ticketId) });
      const owned = await pollUntil(
        async () => {
          await watch(cx, t);
          const now = await t.api.getTicket(ticketId);
          return (agentId ? now.owner_id === agentId : now.owner_id !== '0' && now.owner_id !== '') ? now : undefined;
        },
        { timeoutMs: cx.timeoutMs, signal: cx.signal, interval: pace(t) },
      );
      if (!owned) {
        if (cx.signal.aborted) return skip('cancelled');
        return explain(
          t,
          'new_reply',
          `the request for an operator did not set the ticket's owner within ${formatDuration(cx.timeoutMs)}`,
          'Новый ответ в заявке',
        );
      }
      cx.timeline.add('hand-off', `handed off to user ${owned.owner_id}`, { caseId: Number(ticketId) });
      return pass(`owner set to user ${owned.owner_id}${it.agent ? ` (${it.agent})` : ''}`);
    },
  };

  const cleanUp = cleanUpCheck(id('cleanup'), name, {
    noun: 'ticket',
    key: tripKey,
    created(cx) {
      const t = cx.facts.get(tripKey) as Trip | undefined;
      return t?.ticket ? { id: t.ticket.id, trash: () => t.api.deleteTicket(t.ticket!.id) } : undefined;
    },
  });

  return [createTicket, replied, loopGuard, handOff, cleanUp];
}
