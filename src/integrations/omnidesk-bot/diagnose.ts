/**
 * Why a hop of the Omnidesk round trip did not happen, in words that name the step to revisit.
 * On the sandbox the delivery log tells "the rule sent nothing" from "the bot failed"; on a real
 * account only the probable causes can be listed, most likely first.
 */
import { fail, type CheckOutcome } from '../../verify/check.js';
import { stepRef, type IntegrationInput } from '../../verify/context.js';
import { formatDuration } from '../../core/duration.js';
import { delivered, describeDelivery, type SandboxDelivery } from '../../verify/round-trip/deliveries.js';

export interface HopFacts {
  input: IntegrationInput;
  label: string;
  webhookUrl: string;
  waitedMs: number;
  /** The deliveries for this hop on a sandbox; undefined on a real account. */
  deliveries?: SandboxDelivery[];
}

function sameUrl(a: string, b: string): boolean {
  const strip = (u: string) => u.replace(/\/+$/, '');
  return strip(a) === strip(b);
}

/** The sandbox saw the hop's webhook: explain what went wrong between it and the bot. */
function botSide(d: SandboxDelivery[], f: HopFacts, what: string): CheckOutcome | undefined {
  const toBot = d.filter((x) => sameUrl(x.url, f.webhookUrl));
  if (d.length > 0 && toBot.length === 0) {
    return fail(`${what}: the webhook went to ${d[0]!.url}, not to the bot at ${f.webhookUrl}`, {
      cause: 'the «Выполнить вебхук» action has an old or mistyped URL',
    });
  }
  const last = toBot[toBot.length - 1];
  if (last && !delivered(last)) {
    return fail(`${what}: the webhook reached ${describeDelivery(last)}`, {
      cause:
        last.status >= 500
          ? 'the bot failed on the webhook; its log should say why'
          : 'the bot is down or refuses the webhook',
      hint: 'Fix the bot; `omnibot verify --only endpoint` repeats the endpoint check alone.',
    });
  }
  if (last) {
    return fail(
      `${what}: the bot accepted the webhook (${last.status}) but did nothing visible within ` +
        `${formatDuration(f.waitedMs)}`,
      {
        cause:
          'the bot could not use the Omnidesk API (its key, its staff member), or missed a field it needs in the ' +
          'webhook body',
      },
    );
  }
  return undefined;
}

export function noLabel(f: HopFacts): CheckOutcome {
  return fail(`the incoming rule did not add the label «${f.label}» within ${formatDuration(f.waitedMs)}`, {
    cause:
      'no incoming-case rule fires for a new open case («Статус — равен — открытое»), or it lacks the «Добавить ' +
      'метку» action',
    step: stepRef(f.input, 'incoming-rule'),
  });
}

export function noRuleInChangelog(f: HopFacts, caseId: number): CheckOutcome {
  return fail(`the label «${f.label}» is on case #${caseId}, but the changelog shows no rule that fired`, {
    cause: 'something other than the incoming rule added the label (another integration, a macro)',
    step: stepRef(f.input, 'incoming-rule'),
  });
}

export function noReply(f: HopFacts, replyAsNote: boolean): CheckOutcome {
  const what = `the bot did not reply${replyAsNote ? ' with a note' : ''} within ${formatDuration(f.waitedMs)}`;
  const step = stepRef(f.input, 'incoming-rule');
  if (f.deliveries) {
    if (f.deliveries.length === 0) {
      return fail(`${what}: the incoming rule sent no webhook for the case`, {
        cause: 'the incoming rule lacks the «Выполнить вебхук» action (POST, JSON)',
        step,
      });
    }
    const explained = botSide(f.deliveries, f, what);
    if (explained) return { ...explained, step: explained.step ?? step };
  }
  return fail(what, {
    cause:
      'the incoming rule has no «Выполнить вебхук» action, it points to another URL, or «id обращения» / ' +
      '«изначальный текст обращения» / «ID пользователя» are not ticked; or the bot failed',
    step,
  });
}

export function wrongReplyKind(gotNote: boolean): CheckOutcome {
  return gotNote
    ? fail('the bot replied with a note, which the customer does not see, but replyAsNote is false', {
        cause: '«Посылать ответ как заметку» is on in the bot',
        hint: 'Turn the option off in the bot, or set "replyAsNote": true in the config if notes are intended.',
      })
    : fail('the bot replied to the customer, but replyAsNote is true: its answers should be notes', {
        cause: '«Посылать ответ как заметку» is off in the bot',
        hint: 'Tick «Посылать ответ как заметку» in the bot, or set "replyAsNote": false.',
      });
}

export function noHandOff(
  f: HopFacts,
  state: { assigned: boolean; labelRemoved: boolean },
  agent: string,
): CheckOutcome {
  const what = `the request for an operator did not lead to a hand-off within ${formatDuration(f.waitedMs)}`;
  if (state.assigned !== state.labelRemoved) {
    return fail(
      state.assigned
        ? `the bot assigned ${agent} but did not remove the label «${f.label}»`
        : `the bot removed the label «${f.label}» but did not assign ${agent}`,
      {
        cause: state.assigned
          ? 'the bot does not remove its label on hand-off (PUT /api/cases/{id}.json with delete_labels), so it ' +
            'keeps receiving the case'
          : 'the bot does not assign the agent on hand-off, so nobody picks the case up',
        hint: 'Check the hand-off settings of the bot (agent and label).',
      },
    );
  }
  const step = stepRef(f.input, 'changed-rule');
  if (f.deliveries) {
    if (f.deliveries.length === 0) {
      return fail(`${what}: the changed-case rule sent no webhook for the user's reply`, {
        cause:
          `there is no changed-case rule with «Изменения выполнены пользователем» and «Метки содержат» ` +
          `«${f.label}», or it lacks the «Выполнить вебхук» action`,
        step,
      });
    }
    const explained = botSide(f.deliveries, f, what);
    if (explained) return { ...explained, step: explained.step ?? step };
  }
  return fail(`${what}: the agent was not assigned and the label stayed`, {
    cause:
      `the changed-case rule is missing, its conditions differ (ALL: «Изменения выполнены пользователем», ` +
      `«Метки содержат» «${f.label}»), or «текст последнего ответа» is not ticked; or the bot does not hand off`,
    step,
  });
}
