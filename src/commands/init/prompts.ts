/**
 * The wizard's questions. Each returns the flag's value when one was given and asks only
 * otherwise; without a terminal the prompter turns a question into exit 2 naming the flag.
 */
import type { Label, Staff } from '../../omnidesk/types.js';
import type { Prompter } from '../../io/prompter.js';
import { checkEmail, checkFlag, checkLabel, checkName, checkRequired, checkUrl, checkWebhook, nameFromLabel } from './validate.js';

const NEW_LABEL = Symbol('new label');

export async function askUrl(p: Prompter, flag: string | undefined): Promise<string> {
  if (flag !== undefined) return checkFlag('--url', flag, checkUrl);
  return (await p.input({ message: 'Omnidesk account (acme, acme.omnidesk.ru or a URL):', flag: '--url', validate: checkUrl })).trim();
}

export async function askEmail(p: Prompter, flag: string | undefined, previous?: string): Promise<string> {
  if (flag !== undefined) return checkFlag('--email', flag, checkEmail);
  const message = 'E-mail of the staff member whose API key omnibot uses:';
  return (await p.input({ message, flag: '--email', default: previous, validate: checkEmail })).trim();
}

export async function askApiKey(p: Prompter, varName: string): Promise<string> {
  const message = `API key (hidden; the config will read it from \${${varName}}):`;
  return (await p.password({ message, flag: '--api-key-env', validate: checkRequired })).trim();
}

export async function askAgent(p: Prompter, flag: string | undefined, staff: Staff[]): Promise<string> {
  if (flag !== undefined) return checkFlag('--agent', flag, checkRequired);
  const active = staff.filter((s) => s.active);
  return p.select<string>({
    message: 'Agent: the staff member a case goes to when the bot has no answer or the user asks for a person',
    flag: '--agent',
    choices: active.map((s) => ({ name: `${s.staff_full_name} <${s.staff_email}>`, value: s.staff_email })),
  });
}

export async function askLabel(p: Prompter, flag: string | undefined, labels: Label[]): Promise<string> {
  if (flag !== undefined) return checkFlag('--label', flag, checkLabel);
  const picked = await p.select<string | typeof NEW_LABEL>({
    message: 'Label: the bot handles only cases with it (the hand-off removes it)',
    flag: '--label',
    choices: [
      ...labels.map((l) => ({ name: l.label_title, value: l.label_title as string | typeof NEW_LABEL })),
      { name: 'A new label (omnibot apply creates it)', value: NEW_LABEL },
    ],
  });
  if (picked !== NEW_LABEL) return picked;
  return (await p.input({ message: 'Title of the new label:', flag: '--label', validate: checkLabel })).trim();
}

export async function askWebhookUrl(p: Prompter, flag: string | undefined): Promise<string> {
  if (flag !== undefined) return checkFlag('--webhook-url', flag, checkWebhook);
  const message = "The bot's webhook URL (the rules send cases to it):";
  return (await p.input({ message, flag: '--webhook-url', validate: checkWebhook })).trim();
}

export async function askReplyAsNote(p: Prompter, flag: boolean | undefined): Promise<boolean> {
  if (flag !== undefined) return flag;
  // Off is the seed's default and a safe one, so a script need not pass the flag.
  if (!p.interactive) return false;
  return p.confirm({ message: 'Send the bot\'s answer as a note (seen by staff only, «Посылать ответ как заметку»)?', flag: '--reply-as-note', default: false });
}

export async function askName(p: Prompter, flag: string | undefined, label: string): Promise<string> {
  if (flag !== undefined) return checkFlag('--name', flag, checkName);
  const fallback = nameFromLabel(label);
  if (!p.interactive) return fallback;
  return (await p.input({ message: 'A short name for this integration:', flag: '--name', default: fallback, validate: checkName })).trim();
}

export async function askWriteEnv(p: Prompter, flag: boolean | undefined, typed: boolean, varName: string): Promise<boolean> {
  if (flag !== undefined) return flag;
  if (!p.interactive || !typed) return false;
  return p.confirm({ message: `Save the key as ${varName} in .env (mode 0600, git-ignored)?`, flag: '--write-env', default: true });
}
