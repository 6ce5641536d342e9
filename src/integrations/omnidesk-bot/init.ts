/**
 * `omnidesk-bot`: the hand-off agent and the label offered from the account, the
 * bot's webhook URL, and whether the bot's answer goes in as a note.
 */
import { t, type Lang } from '../../core/localized.js';
import type { Prompter } from '../../core/io/prompter.js';
import type { Label, Staff } from '../../helpdesks/omnidesk/client/types.js';
import { UsageError } from '../../core/errors.js';
import { LABEL_TITLE_MAX } from '../../helpdesks/omnidesk/account.js';
import { findStaff } from '../../helpdesks/omnidesk/staff.js';
import { checkFlag, checkRequired, checkWebhook, nameFromLabel, type Check } from '../../kit/answer-checks.js';
import type { InitAnswers, InitContext } from '../../kit/integration.js';

const NEW_LABEL = Symbol('new label');

const checkLabel: Check = (v) => {
  const t = v.trim();
  if (!t) return 'must not be empty';
  if (t.length > LABEL_TITLE_MAX) return `must be at most ${LABEL_TITLE_MAX} characters (it has ${t.length})`;
  return true;
};

function checkAgentFlag(ref: string, staff: Staff[]): void {
  const agent = findStaff(staff, ref);
  if (agent?.active) return;
  const active = staff.filter((s) => s.active).map((s) => s.staff_email);
  const why = agent ? `${agent.staff_email} is inactive` : `no staff member "${ref}"`;
  throw new UsageError(`--agent: ${why} in this account (active: ${active.join(', ') || 'none'}).`, {
    details: { flag: '--agent' },
  });
}

export async function askAgent(
  p: Prompter,
  flag: string | undefined,
  staff: Staff[],
  lang: Lang = 'ru',
): Promise<string> {
  if (flag !== undefined) {
    checkAgentFlag(flag, staff);
    return checkFlag('--agent', flag, checkRequired);
  }
  const active = staff.filter((s) => s.active);
  return p.select<string>({
    message: t(
      {
        ru: 'Оператор: кому уходит обращение, когда у бота нет ответа или клиент просит человека',
        en: 'Agent: the staff member a case goes to when the bot has no answer or the user asks for a person',
      },
      lang,
    ),
    flag: '--agent',
    choices: active.map((s) => ({ name: `${s.staff_full_name} <${s.staff_email}>`, value: s.staff_email })),
  });
}

async function askLabel(p: Prompter, flag: string | undefined, labels: Label[], lang: Lang): Promise<string> {
  if (flag !== undefined) return checkFlag('--label', flag, checkLabel);
  const picked = await p.select<string | typeof NEW_LABEL>({
    message: t(
      {
        ru: 'Метка: бот берёт только обращения с ней (передача оператору её снимает)',
        en: 'Label: the bot handles only cases with it (the hand-off removes it)',
      },
      lang,
    ),
    flag: '--label',
    choices: [
      ...labels.map((l) => ({ name: l.label_title, value: l.label_title })),
      {
        name: t({ ru: 'Новая метка (её создаст omnibot apply)', en: 'A new label (omnibot apply creates it)' }, lang),
        value: NEW_LABEL,
      },
    ],
  });
  if (picked !== NEW_LABEL) return picked;
  const message = t({ ru: 'Название новой метки:', en: 'Title of the new label:' }, lang);
  return (await p.input({ message, flag: '--label', validate: checkLabel })).trim();
}

export async function askWebhookUrl(p: Prompter, flag: string | undefined, message: string): Promise<string> {
  if (flag !== undefined) return checkFlag('--webhook-url', flag, checkWebhook);
  return (await p.input({ message, flag: '--webhook-url', validate: checkWebhook })).trim();
}

async function askReplyAsNote(p: Prompter, flag: boolean | undefined, lang: Lang): Promise<boolean> {
  if (flag !== undefined) return flag;
  // Off is the prescribed default and a safe one, so a script need not pass the flag.
  if (!p.interactive) return false;
  return p.confirm({
    message: t(
      {
        ru: 'Отправлять ответ бота заметкой (её видят только сотрудники, «Посылать ответ как заметку»)?',
        en: "Send the bot's answer as a note (seen by staff only, «Посылать ответ как заметку»)?",
      },
      lang,
    ),
    flag: '--reply-as-note',
    default: false,
  });
}

export async function ask({ p, flag, toggle, live, lang }: InitContext<'omnidesk'>): Promise<InitAnswers> {
  const labels = await live.api.listLabels();
  const agent = await askAgent(p, flag('agent'), live.staff, lang);
  const label = await askLabel(p, flag('label'), labels, lang);
  const webhookUrl = await askWebhookUrl(
    p,
    flag('webhookUrl'),
    t(
      {
        ru: 'Адрес вебхука бота (правила шлют ему обращения):',
        en: "The bot's webhook URL (the rules send cases to it):",
      },
      lang,
    ),
  );
  const replyAsNote = await askReplyAsNote(p, toggle('replyAsNote'), lang);
  const ru = lang === 'ru';
  return {
    integration: { webhookUrl, label, agent, replyAsNote },
    defaultName: nameFromLabel(label),
    summary: { agent, label, labelExists: labels.some((l) => l.label_title === label) },
    next: () => [
      ['omnibot plan', ru ? 'что уже есть и чего не хватает' : 'what exists and what is missing'],
      [
        'omnibot apply',
        ru ? 'создать метку и пройти ручные шаги' : 'create the label, then walk through the manual steps',
      ],
      ['omnibot steps', ru ? 'ручные шаги: выполнить или передать коллеге' : 'the manual steps, to follow or to share'],
    ],
  };
}
