/**
 * Turns an OmnideskRuleSpec into click-by-click instructions. It is generic on purpose: every
 * recipe that needs an Omnidesk rule (the bot's two rules, Chaport's auto-close rules) describes
 * the rule as data and gets the same wording, and the sandbox executes that same data.
 *
 * Wording marked "prescribed" is the setup instructions' exact Russian; the rest follows the same UI conventions
 * and is inferred, because no seed shows those controls.
 */
import type { Localized } from '../../core/localized.js';
import type { Instruction } from '../../core/manual-step.js';
import type { OmnideskAction, OmnideskCondition, OmnideskRuleSpec } from './specs.js';
import { ui } from './ui.js';
import { webhookFieldLabel, webhookFormat } from './webhook-fields.js';

const STATUS: Record<'open' | 'waiting' | 'closed', Localized> = {
  open: { ru: 'открытое', en: 'open' }, // seed
  waiting: { ru: 'в ожидании', en: 'waiting' }, // as the setup instructions word it
  closed: { ru: 'закрытое', en: 'closed' },
};

/**
 * The channel list's Russian names for the API's channel codes, so a Russian line does not carry an
 * English value. Inferred from the UI's conventions; an unknown code is shown as the API names it.
 */
const CHANNEL_NAMES: Record<string, Localized> = {
  chat: { ru: 'Чат', en: 'Chat' },
  email: { ru: 'Email', en: 'Email' },
  telegram: { ru: 'Telegram', en: 'Telegram' },
};

function channelName(code: string): Localized {
  return Object.hasOwn(CHANNEL_NAMES, code) ? CHANNEL_NAMES[code]! : { ru: code, en: code };
}

const OPS: Record<'eq' | 'neq', Localized> = {
  eq: { ru: 'равен', en: 'equals' }, // seed
  neq: { ru: 'не равен', en: 'does not equal' },
};

const AUTHORS: Record<'user' | 'staff' | 'bot', Localized> = {
  user: { ru: 'пользователь', en: 'user' },
  staff: { ru: 'сотрудник', en: 'staff member' },
  bot: { ru: 'бот', en: 'bot' },
};

/** A condition as the three drop-downs read: «Статус — равен — открытое». */
function triple(field: Localized, op: Localized, value: Localized): Localized {
  const ru = `${field.ru} — ${op.ru} — ${value.ru}`;
  return { ru, en: `"${field.en}" — "${op.en}" — "${value.en}" (${ru})` };
}

/** A UI phrase with no placeholder: Russian as is, English translated with the Russian after it. */
function phrase(ru: string, en: string): Localized {
  return { ru, en: `"${en}" (${ru})` };
}

export function conditionInstruction(c: OmnideskCondition): Instruction {
  switch (c.field) {
    case 'status':
      return { text: triple({ ru: 'Статус', en: 'Status' }, OPS[c.op], STATUS[c.value]) };
    case 'changed_by':
      return {
        text:
          c.value === 'user'
            ? phrase('Изменения выполнены пользователем', 'Changes made by the user') // seed
            : phrase('Изменения выполнены сотрудником', 'Changes made by a staff member'),
      };
    case 'labels':
      return {
        text:
          c.op === 'contains'
            ? phrase('Метки содержат', 'Labels contain')
            : phrase('Метки не содержат', 'Labels do not contain'),
        value: c.label,
      };
    case 'channel':
      return { text: triple({ ru: 'Канал', en: 'Channel' }, OPS.eq, channelName(c.value)) };
    case 'message_author':
      return { text: triple({ ru: 'Автор сообщения', en: 'Message author' }, OPS.eq, AUTHORS[c.value]) };
    case 'has_staff_reply':
      return {
        text: c.value
          ? phrase('Есть ответ сотрудника', 'Has a staff reply')
          : phrase('Нет ответа сотрудника', 'Has no staff reply'),
      };
  }
}

const WEBHOOK_PARTS = {
  url: { ru: 'URL', en: 'URL' },
  method: { ru: 'Метод', en: 'Method' },
  format: { ru: 'Формат', en: 'Format' },
};

export function actionInstructions(a: OmnideskAction): Instruction[] {
  switch (a.type) {
    case 'webhook': {
      const name = ui('Выполнить вебхук', 'Run webhook');
      const ticks = a.fields.map((f): Instruction => {
        const label = webhookFieldLabel(f);
        return {
          text: { ru: `Отметьте галочкой поле «${label.ru}»`, en: `Tick the field "${label.en}" («${label.ru}»)` },
          depth: 1,
        };
      });
      return [
        { text: { ru: `Действие ${name.ru}:`, en: `Action ${name.en}:` } },
        { text: WEBHOOK_PARTS.url, value: a.url, depth: 1 },
        { text: WEBHOOK_PARTS.method, value: a.method, depth: 1 },
        { text: WEBHOOK_PARTS.format, value: webhookFormat(a.format).ui.ru, depth: 1 },
        ...ticks,
      ];
    }
    case 'add_label': {
      const name = ui('Добавить метку', 'Add label');
      return [{ text: { ru: `Действие ${name.ru} — метка`, en: `Action ${name.en} — label` }, value: a.label }];
    }
    case 'remove_label': {
      const name = ui('Удалить метку', 'Remove label');
      return [{ text: { ru: `Действие ${name.ru} — метка`, en: `Action ${name.en} — label` }, value: a.label }];
    }
    case 'set_status': {
      const name = ui('Изменить статус', 'Change status');
      const status = STATUS[a.status];
      return [
        {
          text: { ru: `Действие ${name.ru} — ${status.ru}`, en: `Action ${name.en} — "${status.en}" («${status.ru}»)` },
        },
      ];
    }
  }
}

/** «одно действие», «два действия»: the seed counts them in words, so the reader can check the total. */
function count(n: number, forms: { one: string; few: string; many: string }, words: string[]): string {
  const word = words[n - 1] ?? String(n);
  const form = n === 1 ? forms.one : n >= 2 && n <= 4 ? forms.few : forms.many;
  return `${word} ${form}`;
}

const CONDITION_FORMS = { one: 'условие', few: 'условия', many: 'условий' };
const ACTION_FORMS = { one: 'действие', few: 'действия', many: 'действий' };
const NEUTER = ['одно', 'два', 'три', 'четыре'];
const EN_WORDS = ['one', 'two', 'three', 'four'];

function enCount(n: number, noun: string): string {
  return `${EN_WORDS[n - 1] ?? String(n)} ${noun}${n === 1 ? '' : 's'}`;
}

export function ruleInstructions(spec: OmnideskRuleSpec): Instruction[] {
  const out: Instruction[] = [
    {
      text: {
        ru: 'Название правила (любое, по нему вы найдёте правило в списке)',
        en: 'Rule name (any; it is how you will find the rule in the list)',
      },
      value: spec.title,
    },
  ];
  const n = spec.conditions.length;
  const block =
    spec.match === 'all'
      ? ui('ВСЕ заданных условия', 'ALL of the conditions')
      : ui('ЛЮБОЕ из условий', 'ANY of the conditions');
  // The seed names the block only when there is more than one condition; one condition needs no block choice.
  if (n > 1 || spec.match === 'any') {
    out.push({
      text: {
        ru: `Задайте ${count(n, CONDITION_FORMS, NEUTER)} выполнения в блоке ${block.ru}:`,
        en: `Set ${enCount(n, 'condition')} in the block ${block.en}:`,
      },
    });
  } else {
    out.push({ text: { ru: 'Задайте условие выполнения:', en: 'Set the condition:' } });
  }
  for (const c of spec.conditions) out.push({ ...conditionInstruction(c), depth: 1 });
  const m = spec.actions.length;
  out.push({ text: { ru: `Добавьте ${count(m, ACTION_FORMS, NEUTER)}:`, en: `Add ${enCount(m, 'action')}:` } });
  for (const a of spec.actions) {
    for (const line of actionInstructions(a)) out.push({ ...line, depth: (line.depth ?? 0) + 1 });
  }
  out.push({ text: { ru: 'Сохраните правило.', en: 'Save the rule.' } });
  return out;
}
