/**
 * The custom-channel round trip (`verify --e2e`), as the setup instructions describe the channel working:
 * a case is created through the channel with a `user_custom_id` (Omnidesk answers with the
 * `user_id` to keep); a staff reply reaches the channel's Webhook URL as a form-encoded
 * `message_new` carrying that `custom_user_id`, the text and the case id; a reply posted by
 * `user_id` lands in the same case. Only the sandbox shows what it sent
 * (`GET /_sandbox/deliveries`); against a real account that hop is skipped, not guessed.
 */
import { decodeForm } from '../../core/php-form.js';
import { textOf } from '../../core/text.js';
import type { CustomChannel, OmnideskApi } from '../../helpdesks/omnidesk/client/types.js';
import { findStaff } from '../../helpdesks/omnidesk/staff.js';
import { fail, pass, skip, type CheckDef } from '../../verify/check.js';
import { factKey, stepRef, type IntegrationInput, type VerifyContext } from '../../verify/context.js';
import { pollInterval, pollUntil } from '../../verify/poll.js';
import { cleanUpCheck } from '../../verify/round-trip/clean-up.js';
import { runTag } from '../omnidesk-bot/round-trip.js';
import { deliveriesSince, type SandboxDelivery } from '../../verify/round-trip/deliveries.js';
import { channelFact } from './channel-checks.js';

export const MESSAGE_NEW = 'omnidesk.message_new';

interface Trip {
  api: OmnideskApi;
  sandbox: boolean;
  channel: CustomChannel;
  userCustomId: string;
  caseId?: number;
  userId?: number;
  /** Deliveries with a higher id are this run's. */
  since: number;
}

/** The fields of a message_new body, form-encoded (as Omnidesk sends it) or JSON, as `object[key]` texts. */
export function readMessageNew(d: Pick<SandboxDelivery, 'contentType' | 'body'>): Record<string, string> | undefined {
  let parsed: { type?: unknown; object?: unknown };
  if ((d.contentType ?? '').toLowerCase().includes('application/x-www-form-urlencoded')) parsed = decodeForm(d.body);
  else {
    try {
      parsed = JSON.parse(d.body) as typeof parsed;
    } catch {
      return undefined;
    }
    if (parsed === null || typeof parsed !== 'object') return undefined;
  }
  const out: Record<string, string> = { type: textOf(parsed.type) };
  const object = parsed.object !== null && typeof parsed.object === 'object' ? parsed.object : {};
  for (const [k, v] of Object.entries(object)) out[`object[${k}]`] = textOf(v);
  return out;
}

export function customChannelTripChecks(
  input: IntegrationInput,
  needs: string[],
  what: { endpoint: string } = { endpoint: 'the channel’s endpoint' },
): CheckDef<VerifyContext>[] {
  const name = input.integration.name;
  const key = factKey(name, 'cc-trip');
  const id = (s: string) => `${name}/e2e-${s}`;
  const trip = (cx: VerifyContext) => cx.facts.get(key) as Trip;
  const step = stepRef(input, 'custom-channel');
  const interval = (t: Trip) => () =>
    pollInterval(t.api.rate(), { callsPerRound: 1, minIntervalMs: t.sandbox ? 100 : 1000 });

  const createCase: CheckDef<VerifyContext> = {
    id: id('case'),
    title: 'A test case is created through the custom channel with a user_custom_id',
    integration: name,
    e2e: true,
    needs,
    async run(cx) {
      const api = await cx.clients.get('omnidesk');
      const channel = cx.facts.get(channelFact(name)) as CustomChannel;
      const sandbox = await api.isSandbox();
      const t: Trip = { api, sandbox, channel, userCustomId: `omnibot-e2e-${cx.runId}`, since: 0 };
      if (sandbox) t.since = (await deliveriesSince(api, 0)).reduce((max, d) => Math.max(max, d.id), 0);
      cx.facts.set(key, t);
      const subject = `${runTag(cx.runId)} Проверка кастомного канала`;
      const created = await api.createCase({
        subject,
        content: 'Здравствуйте! Это проверка канала.',
        channel: channel.channel_api_key,
        user_custom_id: t.userCustomId,
        user_full_name: 'omnibot verify',
      });
      t.caseId = created.case_id;
      t.userId = created.user_id;
      cx.pendingCleanup.set(key, () => api.trashCase(created.case_id));
      cx.timeline.add(
        'case-created',
        `case #${created.case_id} created in ${channel.channel_api_key} for user_custom_id ${t.userCustomId} → ` +
          `user_id ${created.user_id}`,
        { caseId: created.case_id },
      );
      if (!created.user_id)
        return fail(`case #${created.case_id} came back without a user_id`, {
          cause: 'Omnidesk did not link the user_custom_id to a user',
        });
      if (created.channel !== channel.channel_api_key) {
        return fail(`case #${created.case_id} is in channel ${created.channel}, not ${channel.channel_api_key}`, {
          cause: 'the API user may lack rights on the custom channel',
          step,
        });
      }
      return pass(
        `case #${created.case_id}, user_id ${created.user_id} (keep it with user_custom_id ${t.userCustomId})`,
        { caseId: created.case_id, userId: created.user_id },
      );
    },
  };

  const staffReply: CheckDef<VerifyContext> = {
    id: id('message-new'),
    title: `A staff reply reaches ${what.endpoint} as message_new`,
    integration: name,
    e2e: true,
    needs: [id('case')],
    async run(cx) {
      const t = trip(cx);
      const email = cx.config.omnidesk!.email.toLowerCase();
      const staff = findStaff(await t.api.listStaff(), email);
      if (!staff)
        return fail(`the API user ${email} is not in the staff list`, {
          cause: 'the staff list and the credentials disagree',
        });
      const content = `omnibot e2e staff reply ${cx.runId}`;
      await t.api.createMessage(t.caseId!, { content, staff_id: staff.staff_id });
      cx.timeline.add('message', `staff #${staff.staff_id} replied: «${content}»`, { caseId: t.caseId });
      if (!t.sandbox)
        return skip(
          `only the sandbox shows the webhooks it sent; check that ${what.endpoint} received message_new for case ` +
            `#${t.caseId}`,
        );
      const found = await pollUntil(
        async () => {
          const fresh = await deliveriesSince(t.api, t.since);
          return fresh.find(
            (d) => d.event === MESSAGE_NEW && readMessageNew(d)?.['object[case_id]'] === String(t.caseId),
          );
        },
        { timeoutMs: cx.timeoutMs, signal: cx.signal, interval: interval(t) },
      );
      if (!found) {
        if (cx.signal.aborted) return skip('cancelled');
        return fail(`no message_new for case #${t.caseId} was sent`, {
          cause: 'the channel is disabled, or the case is not in the channel',
          step,
        });
      }
      const body = readMessageNew(found)!;
      cx.timeline.add(
        'webhook-delivered',
        `message_new delivered to ${found.url}: ${found.status || found.error || 'no answer'}`,
        { caseId: t.caseId, data: { deliveryId: found.id, status: found.status } },
      );
      const problems: string[] = [];
      if (found.url !== t.channel.webhook_url) problems.push(`went to ${found.url}, not the channel's Webhook URL`);
      if (!(found.contentType ?? '').includes('application/x-www-form-urlencoded'))
        problems.push(`was sent as ${found.contentType ?? 'no content type'}, not form-encoded`);
      if (body.type !== 'message_new') problems.push(`type is ${body.type ?? '(none)'}`);
      if (body['object[custom_user_id]'] !== t.userCustomId)
        problems.push(`custom_user_id is ${body['object[custom_user_id]'] ?? '(none)'}, expected ${t.userCustomId}`);
      if (body['object[content]'] !== content) problems.push('content is not the staff reply');
      if (problems.length) return fail(`message_new ${problems.join('; ')}`, { details: { deliveryId: found.id } });
      if (found.error || found.status < 200 || found.status >= 300) {
        const answer = found.status
          ? `it answered ${found.status}`
          : `no answer came (${found.error ?? 'no response'})`;
        return fail(`message_new was sent to ${found.url}, but ${answer}`, {
          cause: `${what.endpoint} is down or rejects the request`,
          hint: `Reproduce with \`omnibot send ${MESSAGE_NEW} --to <Webhook URL>\`.`,
          details: { deliveryId: found.id },
        });
      }
      return pass(
        `form-encoded message_new with custom_user_id ${t.userCustomId}, the reply text and case #${t.caseId}; ` +
          `answered ${found.status}`,
      );
    },
  };

  const userReply: CheckDef<VerifyContext> = {
    id: id('user-reply'),
    title: 'A reply posted by user_id lands in the same case',
    integration: name,
    e2e: true,
    needs: [id('case')],
    async run(cx) {
      const t = trip(cx);
      const content = `omnibot e2e user reply ${cx.runId}`;
      const posted = await t.api.createMessage(t.caseId!, { content, user_id: t.userId });
      cx.timeline.add('user-replied', `user ${t.userId} replied: «${content}»`, { caseId: t.caseId });
      const messages = await t.api.listMessages(t.caseId!);
      const mine = messages.find(
        (m) => m.message_id === posted.message_id || (m.content === content && m.user_id === t.userId),
      );
      if (!mine)
        return fail(`the reply is not among the messages of case #${t.caseId}`, {
          cause: 'the user_id does not belong to this case’s user',
        });
      if (mine.user_id !== t.userId) return fail(`the reply was recorded from user ${mine.user_id}, not ${t.userId}`);
      return pass(`message #${mine.message_id} from user ${t.userId} in case #${t.caseId}`);
    },
  };

  const cleanUp = cleanUpCheck(id('cleanup'), name, {
    noun: 'case',
    key,
    created(cx) {
      const t = cx.facts.get(key) as Trip | undefined;
      return t?.caseId ? { id: t.caseId, trash: () => t.api.trashCase(t.caseId!) } : undefined;
    },
  });

  return [createCase, staffReply, userReply, cleanUp];
}
