/**
 * Seed 004, «Подсказка PRO»: two rules that finish chats where the user talks only to the
 * Chaport bot, with the status «в ожидании», so staff are not distracted by them:
 *   а. an incoming-case rule that fires on the user's first reply;
 *   б. a changed-case rule for the bot's later messages and the user's replies to the bot.
 * The seed's text states the rule kinds, the triggers and the resulting status; the exact
 * conditions appear only in its screenshots. The conditions below are what the text implies
 * (a Chaport chat, no staff reply yet; for а the user's message, for б a change from the
 * customer's side), and the steps say so.
 */
import type { ChaportIntegration } from './schema.js';
import type { Instruction, ManualStep } from '../../core/manual-step.js';
import type { OmnideskRuleSpec } from '../../helpdesks/omnidesk/specs.js';
import { ADMIN_PAGES, adminPage, rulesPath } from '../../helpdesks/omnidesk/ui.js';
import { ruleInstructions } from '../../helpdesks/omnidesk/rule-instructions.js';

export type ChaportRuleKind = 'incoming' | 'changed';

export const RULE_RESOURCE_IDS: Record<ChaportRuleKind, string> = {
  incoming: 'incoming-rule',
  changed: 'changed-rule',
};

/** Stable per integration: the sandbox upserts by kind + title, so re-applying never duplicates. */
export function chaportRuleTitle(it: Pick<ChaportIntegration, 'name'>, kind: ChaportRuleKind): string {
  return `omnibot ${it.name}: Chaport, ${kind === 'incoming' ? 'первый ответ пользователя боту' : 'переписка с ботом'}`;
}

export function chaportRuleSpec(it: ChaportIntegration, kind: ChaportRuleKind): OmnideskRuleSpec {
  const common = [
    { field: 'channel' as const, op: 'eq' as const, value: it.channel },
    { field: 'has_staff_reply' as const, value: false },
  ];
  return {
    kind: 'omnidesk.rule',
    ruleKind: kind,
    title: chaportRuleTitle(it, kind),
    match: 'all',
    // б fires on messages, not on whatever staff change (a reopened chat must stay open): the
    // bot's and the user's messages are both changes made on the customer's side.
    conditions:
      kind === 'incoming'
        ? [common[0]!, { field: 'message_author', op: 'eq', value: 'user' }, common[1]!]
        : [common[0]!, { field: 'changed_by', value: 'user' }, common[1]!],
    actions: [{ type: 'set_status', status: 'waiting' }],
  };
}

/** What the seed's text says about each rule, quoted, so the reader can tell fact from inference. */
const SEED_TEXT: Record<ChaportRuleKind, { ru: string; en: string }> = {
  incoming: {
    ru: '«Правило для входящих обращений, которое срабатывает на первый ответ пользователя.»',
    en:
      'an incoming-case rule that fires on the user’s first reply («Правило для входящих обращений, которое ' +
      'срабатывает на первый ответ пользователя.»)',
  },
  changed: {
    ru:
      '«Правило для изменённых обращений, которое срабатывает на все остальные сообщения бота и ответы ' +
      'пользователя для бота.»',
    en:
      'a changed-case rule that fires on all the bot’s other messages and the user’s replies to the bot («Правило ' +
      'для изменённых обращений, которое срабатывает на все остальные сообщения бота и ответы пользователя для ' +
      'бота.»)',
  },
};

/** The conditions a reader must find in the UI, named in the words the notice uses. */
const INFERRED: Record<ChaportRuleKind, { ru: string; en: string }> = {
  incoming: {
    ru: 'канал чатов Chaport, автор сообщения — пользователь, нет ответа сотрудника',
    en: 'the Chaport chat channel, the message author is the user, no staff reply',
  },
  changed: {
    ru: 'канал чатов Chaport, изменения со стороны пользователя (его ответы и сообщения бота), нет ответа сотрудника',
    en:
      'the Chaport chat channel, changes on the customer’s side (their replies and the bot’s messages), no staff ' +
      'reply',
  },
};

function screenshotNotice(kind: ChaportRuleKind): Instruction[] {
  return [
    {
      text: {
        ru:
          `Назначение правила: ${SEED_TEXT[kind].ru} Цель — автоматически завершать такие чаты ` +
          `в статусе «в ожидании».`,
        en:
          `The rule’s purpose: ${SEED_TEXT[kind].en}. The goal: finish such chats automatically with the ` +
          `status «в ожидании» (waiting).`,
      },
    },
    {
      text: {
        ru:
          `Точные условия этого правила текстом не опубликованы. Условия ниже выведены из описания (это вывод ` +
          `omnibot, не опубликованный текст): выберите в интерфейсе пункты, которые им соответствуют ` +
          `(${INFERRED[kind].ru}).`,
        en:
          `The rule’s exact conditions are not published as text. The conditions below are inferred by omnibot ` +
          `from the description: pick the UI items that match them (${INFERRED[kind].en}).`,
      },
    },
  ];
}

export function chaportRuleStep(it: ChaportIntegration, kind: ChaportRuleKind, accountUrl?: string): ManualStep {
  const spec = chaportRuleSpec(it, kind);
  return {
    id: RULE_RESOURCE_IDS[kind],
    title:
      kind === 'incoming'
        ? {
            ru: 'Правило для входящих обращений: первый ответ пользователя боту Chaport',
            en: 'Incoming-case rule: the user’s first reply to the Chaport bot',
          }
        : {
            ru: 'Правило для изменённых обращений: переписка с ботом Chaport',
            en: 'Changed-case rule: the conversation with the Chaport bot',
          },
    ...(accountUrl ? { page: adminPage(accountUrl, ADMIN_PAGES.rules) } : {}),
    path: rulesPath(kind),
    instructions: [...screenshotNotice(kind), ...ruleInstructions(spec)],
    why: {
      ru: 'Чтобы сотрудники не отвлекались на переписку пользователя с ботом.',
      en: 'So that staff are not distracted by a user’s conversation with the bot.',
    },
    spec,
  };
}
