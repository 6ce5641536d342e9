/**
 * The Omnidesk round trip (`verify --e2e`), as the setup instructions promise it works: a tagged test case is
 * created through the API; the incoming rule labels it and sends it to the bot; the bot replies
 * (or writes a note); the user asks for an operator; the changed-case rule sends that to the
 * bot, which assigns the agent and removes the label. The case is trashed afterwards whatever
 * happened, by a check that always runs and, failing that, by the command's deferred clean-up.
 */
import type { OmnideskBotIntegration } from './schema.js';
import type { Case, Message, OmnideskApi } from '../../helpdesks/omnidesk/client/types.js';
import { pass, skip, type CheckDef } from '../../verify/check.js';
import { factKey, type IntegrationInput, type VerifyContext } from '../../verify/context.js';
import { pollInterval, pollUntil } from '../../verify/poll.js';
import { excerpt } from '../../verify/timeline.js';
import { resourceId } from '../../verify/checks/resources.js';
import { cleanUpCheck } from '../../verify/round-trip/clean-up.js';
import { DeliveryWatch, describeDelivery, type SandboxDelivery } from '../../verify/round-trip/deliveries.js';
import { noHandOff, noLabel, noReply, noRuleInChangelog, wrongReplyKind, type HopFacts } from './diagnose.js';

export const QUESTION = 'Здравствуйте! Какие у вас часы работы?';
export const OPERATOR_REQUEST = 'Позовите оператора, пожалуйста';

export function runTag(runId: string): string {
  return `[omnibot-e2e ${runId}]`;
}

export function testUserEmail(runId: string): string {
  return `omnibot-e2e+${runId}@example.invalid`;
}

interface Trip {
  api: OmnideskApi;
  sandbox: boolean;
  watch?: DeliveryWatch;
  case?: Case;
  labelId?: number;
  agentId?: number;
}

export function omnideskTripChecks(
  input: IntegrationInput<OmnideskBotIntegration>,
  needs: { label: string; agent: string; endpoint?: string },
): CheckDef<VerifyContext>[] {
  const it = input.integration;
  const name = it.name;
  const tripKey = factKey(name, 'trip');
  const trip = (cx: VerifyContext) => cx.facts.get(tripKey) as Trip;
  const id = (s: string) => `${name}/e2e-${s}`;
  const pace = (t: Trip, callsPerRound: number) => (attempt: number) =>
    pollInterval(
      t.api.rate(),
      { callsPerRound: callsPerRound + (t.watch ? 1 : 0), minIntervalMs: t.sandbox ? 50 : 1000 },
      attempt,
    );
  const hop = (cx: VerifyContext, deliveries?: SandboxDelivery[]): HopFacts => ({
    input,
    label: it.label,
    webhookUrl: it.webhookUrl,
    waitedMs: cx.timeoutMs,
    deliveries,
  });
  // Records "webhook delivered" on the timeline the first time each delivery is seen.
  const watchDeliveries = async (cx: VerifyContext, t: Trip) => {
    if (!t.watch || !t.case) return;
    for (const d of await t.watch.poll(t.case.case_id)) {
      cx.timeline.add('webhook-delivered', `webhook delivered (${d.event}): ${describeDelivery(d)}`, {
        caseId: t.case.case_id,
        data: { deliveryId: d.id, status: d.status },
      });
    }
  };

  const createCase: CheckDef<VerifyContext> = {
    id: id('case'),
    title: 'A tagged test case is created through the API',
    integration: name,
    e2e: true,
    needs: [input.credentialsCheck, needs.label, ...(needs.endpoint ? [needs.endpoint] : [])],
    async run(cx) {
      const api = await cx.clients.get('omnidesk');
      const sandbox = await api.isSandbox();
      const labelId = Number(resourceId(cx, name, 'label'));
      const t: Trip = { api, sandbox, labelId: Number.isFinite(labelId) ? labelId : undefined };
      if (sandbox) {
        t.watch = new DeliveryWatch(api);
        await t.watch.poll(-1); // skip what was delivered before this run
      }
      cx.facts.set(tripKey, t);
      const subject = `${runTag(cx.runId)} Проверка бота`;
      const created = await api.createCase({
        subject,
        content: QUESTION,
        user_email: testUserEmail(cx.runId),
        user_full_name: 'omnibot verify',
      });
      t.case = created;
      cx.pendingCleanup.set(tripKey, () => api.trashCase(created.case_id));
      cx.timeline.add('case-created', `case #${created.case_id} created: «${subject}»`, { caseId: created.case_id });
      return pass(`case #${created.case_id} (${created.case_number}), user ${testUserEmail(cx.runId)}`, {
        caseId: created.case_id,
      });
    },
  };

  const ruleFired: CheckDef<VerifyContext> = {
    id: id('rule'),
    title: 'The incoming rule fired: label added, rule in the changelog',
    integration: name,
    e2e: true,
    needs: [id('case')],
    async run(cx) {
      const t = trip(cx);
      const caseId = t.case!.case_id;
      const labelled = await pollUntil(
        async () => {
          await watchDeliveries(cx, t);
          const c = await t.api.getCase(caseId);
          return t.labelId !== undefined && c.labels.includes(t.labelId) ? c : undefined;
        },
        { timeoutMs: cx.timeoutMs, signal: cx.signal, interval: pace(t, 1) },
      );
      if (!labelled) return cx.signal.aborted ? skip('cancelled') : noLabel(hop(cx));
      cx.timeline.add('label-added', `label «${it.label}» added`, { caseId });
      const rules = (await t.api.getChangelog(caseId)).filter((e) => e.event === 'rules');
      if (rules.length === 0) return noRuleInChangelog(hop(cx), caseId);
      const which = rules.map((r) => r.old_value ?? r.value ?? r.done_by).join('; ');
      cx.timeline.add('rule-fired', `rule fired: ${which}`, { caseId, data: { rules: rules.map((r) => r.done_by) } });
      return pass(`label «${it.label}» added by ${which}`);
    },
  };

  const replied: CheckDef<VerifyContext> = {
    id: id('reply'),
    title: it.replyAsNote ? 'The bot answered with a note' : 'The bot answered the customer',
    integration: name,
    e2e: true,
    needs: [id('rule')],
    async run(cx) {
      const t = trip(cx);
      const caseId = t.case!.case_id;
      const fromStaff = (m: Message) => m.staff_id > 0 && !m.sent_via_rule;
      const reply = await pollUntil(
        async () => {
          await watchDeliveries(cx, t);
          return (await t.api.listMessages(caseId)).find(fromStaff);
        },
        { timeoutMs: cx.timeoutMs, signal: cx.signal, interval: pace(t, 1) },
      );
      if (!reply) return cx.signal.aborted ? skip('cancelled') : noReply(hop(cx, t.watch?.seen), it.replyAsNote);
      const kind = reply.note ? 'note' : 'message';
      cx.timeline.add('bot-replied', `bot replied (${kind}): «${excerpt(reply.content, 60)}»`, {
        caseId,
        data: { messageId: reply.message_id, note: reply.note },
      });
      if (reply.note !== it.replyAsNote) return wrongReplyKind(reply.note);
      return pass(`${kind} from staff #${reply.staff_id}: «${excerpt(reply.content, 60)}»`);
    },
  };

  const handOff: CheckDef<VerifyContext> = {
    id: id('handoff'),
    title: 'Asking for an operator hands the case off: agent assigned, label removed',
    integration: name,
    e2e: true,
    needs: [id('reply'), needs.agent],
    async run(cx) {
      const t = trip(cx);
      const c0 = t.case!;
      const agentId = Number(resourceId(cx, name, 'agent'));
      await watchDeliveries(cx, t);
      const before = t.watch?.seen.length ?? 0;
      await t.api.createMessage(c0.case_id, { content: OPERATOR_REQUEST, user_id: c0.user_id });
      cx.timeline.add('user-replied', `user replied: «${OPERATOR_REQUEST}»`, { caseId: c0.case_id });
      const seen = { assigned: false, labelRemoved: false };
      const done = await pollUntil(
        async () => {
          await watchDeliveries(cx, t);
          const c = await t.api.getCase(c0.case_id);
          if (!seen.assigned && c.staff_id === agentId) {
            seen.assigned = true;
            cx.timeline.add('assigned', `assigned to ${it.agent} (staff #${agentId})`, { caseId: c0.case_id });
          }
          if (!seen.labelRemoved && t.labelId !== undefined && !c.labels.includes(t.labelId)) {
            seen.labelRemoved = true;
            cx.timeline.add('label-removed', `label «${it.label}» removed`, { caseId: c0.case_id });
          }
          return seen.assigned && seen.labelRemoved ? c : undefined;
        },
        { timeoutMs: cx.timeoutMs, signal: cx.signal, interval: pace(t, 1) },
      );
      if (!done) {
        if (cx.signal.aborted) return skip('cancelled');
        return noHandOff(hop(cx, t.watch?.seen.slice(before)), seen, it.agent);
      }
      cx.timeline.add('hand-off', `handed off to ${it.agent}`, { caseId: c0.case_id });
      return pass(`assigned to ${it.agent}, label «${it.label}» removed`);
    },
  };

  const cleanUp = cleanUpCheck(id('cleanup'), name, {
    noun: 'case',
    key: tripKey,
    created(cx) {
      const t = cx.facts.get(tripKey) as Trip | undefined;
      return t?.case ? { id: t.case.case_id, trash: () => t.api.trashCase(t.case!.case_id) } : undefined;
    },
  });

  return [createCase, ruleFired, replied, handOff, cleanUp];
}
