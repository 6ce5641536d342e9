/**
 * verify for `chaport`: every custom staff status has a known chat access (else the
 * status map cannot say what the Chaport operator gets), and with --e2e on the sandbox the two
 * auto-close rules behave as the seed says: a chat the user has only with the bot ends up
 * «в ожидании», a chat a staff member answered does not. A real account opens chats only
 * through Chaport itself, so there the round trip is skipped rather than faked.
 */
import type { ChaportIntegration } from './schema.js';
import type { Case, CaseStatus, OmnideskApi } from '../../helpdesks/omnidesk/client/types.js';
import { findStaff } from '../../helpdesks/omnidesk/staff.js';
import { readStatuses } from './statuses.js';
import { fail, pass, skip, type CheckDef } from '../../verify/check.js';
import { resourceContext } from '../../verify/checks/resources.js';
import {
  factKey,
  stepRef,
  type IntegrationInput,
  type RecipeChecks,
  type VerifyContext,
} from '../../verify/context.js';
import { runTag, testUserEmail } from '../omnidesk-bot/round-trip.js';

interface Trip {
  api: OmnideskApi;
  case?: Case;
}

function statusesCheck(input: IntegrationInput<ChaportIntegration>): CheckDef<VerifyContext> {
  const it = input.integration;
  return {
    id: `${it.name}/staff-statuses`,
    title: 'Every custom staff status has a known access to active chats',
    integration: it.name,
    needs: [input.credentialsCheck],
    async run(cx) {
      const read = await readStatuses(resourceContext(cx, input), it);
      if (read.status === 'ok') return pass(read.detail);
      return fail(read.detail, {
        cause: 'the API does not say which custom statuses grant chat access',
        step: stepRef(input, 'staff-statuses'),
        hint: 'Then check `omnibot chaport status-map`.',
      });
    },
  };
}

function tripChecks(input: IntegrationInput<ChaportIntegration>): CheckDef<VerifyContext>[] {
  const it = input.integration;
  const key = factKey(it.name, 'chaport-trip');
  const id = (s: string) => `${it.name}/e2e-${s}`;
  const trip = (cx: VerifyContext) => cx.facts.get(key) as Trip;
  // The sandbox runs rules inside the request that triggers them: one read tells.
  const waitFor = async (_cx: VerifyContext, t: Trip, status: CaseStatus) => {
    const c = await t.api.getCase(t.case!.case_id);
    return c.status === status ? c : undefined;
  };
  const rule = (kind: 'incoming-rule' | 'changed-rule') => ({ step: stepRef(input, kind) });

  const firstReply: CheckDef<VerifyContext> = {
    id: id('first-reply'),
    title: 'The incoming rule puts a chat with the bot «в ожидании» on the user’s first reply',
    integration: it.name,
    e2e: true,
    needs: [input.credentialsCheck],
    async run(cx) {
      const api = await cx.clients.get('omnidesk');
      if (!(await api.isSandbox()))
        return skip('chats open only through Chaport on a real account; the rules are proven on the sandbox');
      const t: Trip = { api };
      cx.facts.set(key, t);
      const subject = `${runTag(cx.runId)} Чат с ботом Chaport`;
      t.case = await api.createCase({
        subject,
        content: 'Здравствуйте, бот!',
        user_email: testUserEmail(cx.runId),
        channel: it.channel,
      });
      const caseId = t.case.case_id;
      cx.pendingCleanup.set(key, () => api.trashCase(caseId));
      cx.timeline.add('case-created', `chat #${caseId} opened in channel ${it.channel}`, { caseId });
      if (!(await waitFor(cx, t, 'waiting')))
        return fail(`chat #${caseId} did not become «в ожидании»`, {
          cause: 'the incoming rule is missing or its conditions differ',
          ...rule('incoming-rule'),
        });
      cx.timeline.add('status-changed', `chat #${caseId} → в ожидании`, { caseId });
      return pass(`chat #${caseId} → в ожидании`);
    },
  };

  const botChat: CheckDef<VerifyContext> = {
    id: id('bot-chat'),
    title: 'The changed-case rule keeps a chat with the bot «в ожидании» when the user writes again',
    integration: it.name,
    e2e: true,
    needs: [id('first-reply')],
    async run(cx) {
      const t = trip(cx);
      const c = t.case!;
      await t.api.createMessage(c.case_id, { content: 'Ещё вопрос боту', user_id: c.user_id });
      cx.timeline.add('user-replied', 'user wrote to the bot again', { caseId: c.case_id });
      if (!(await waitFor(cx, t, 'waiting')))
        return fail(`chat #${c.case_id} stayed open after the user’s reply`, {
          cause: 'the changed-case rule is missing or its conditions differ',
          ...rule('changed-rule'),
        });
      return pass(`chat #${c.case_id} → в ожидании again`);
    },
  };

  const staffChat: CheckDef<VerifyContext> = {
    id: id('staff-chat'),
    title: 'A chat a staff member answered stays open',
    integration: it.name,
    e2e: true,
    needs: [id('bot-chat')],
    async run(cx) {
      const t = trip(cx);
      const c = t.case!;
      const email = cx.config.omnidesk!.email.toLowerCase();
      const staff = findStaff(await t.api.listStaff(), email);
      if (!staff) return fail(`the API user ${email} is not in the staff list`);
      await t.api.createMessage(c.case_id, { content: 'Здравствуйте, я оператор.', staff_id: staff.staff_id });
      await t.api.createMessage(c.case_id, { content: 'Спасибо!', user_id: c.user_id });
      cx.timeline.add('user-replied', 'staff answered, then the user replied', { caseId: c.case_id });
      const now = await t.api.getCase(c.case_id);
      if (now.status === 'waiting')
        return fail(`chat #${c.case_id} went «в ожидании» although staff answered`, {
          cause: 'a rule lacks the "no staff reply" condition',
          ...rule('changed-rule'),
        });
      return pass(`chat #${c.case_id} is ${now.status}`);
    },
  };

  const cleanUp: CheckDef<VerifyContext> = {
    id: id('cleanup'),
    title: 'The test chat is cleaned up',
    integration: it.name,
    e2e: true,
    always: true,
    async run(cx) {
      const t = cx.facts.get(key) as Trip | undefined;
      if (!t?.case) return skip('no test chat was created');
      await t.api.trashCase(t.case.case_id);
      cx.pendingCleanup.delete(key);
      cx.timeline.add('cleaned-up', `case #${t.case.case_id} moved to the trash`, { caseId: t.case.case_id });
      return pass(`case #${t.case.case_id} moved to the trash`);
    },
  };
  return [firstReply, botChat, staffChat, cleanUp];
}

export const checks: RecipeChecks<ChaportIntegration> = {
  checks: (input) => [statusesCheck(input), ...tripChecks(input)],
  proves: () => ['incoming-rule', 'changed-rule'],
};
