/**
 * `billmanager`: where BILLmanager lives, and the Omnidesk staff member the
 * integration acts as. The secret_key the channel's URL and BILLmanager share is made by
 * `omnibot token generate`'s code once the config exists (see src/commands/init/secrets.ts).
 */
import { t, type Lang } from '../../core/localized.js';
import { UsageError } from '../../core/errors.js';
import type { Prompter } from '../../core/io/prompter.js';
import type { Staff } from '../../helpdesks/omnidesk/client/types.js';
import { BILLMANAGER_SECRET_VAR } from './webhook.js';
import { findStaff } from '../../helpdesks/omnidesk/staff.js';
import { checkEmail, checkFlag, checkSiteUrl, normalizeSiteUrl } from '../../kit/answer-checks.js';
import type { InitAnswers, InitContext } from '../../kit/integration.js';

const OTHER = Symbol('another e-mail');

async function askBillmanagerUrl(p: Prompter, flag: string | undefined, lang: Lang): Promise<string> {
  if (flag !== undefined) return normalizeSiteUrl(checkFlag('--billmanager-url', flag, checkSiteUrl));
  const message = t(
    {
      ru: 'Адрес BILLmanager (https; Omnidesk шлёт ответы на его /mancgi/omnidesk_webhook):',
      en: 'BILLmanager URL (https; Omnidesk sends replies to its /mancgi/omnidesk_webhook):',
    },
    lang,
  );
  return normalizeSiteUrl(await p.input({ message, flag: '--billmanager-url', validate: checkSiteUrl }));
}

/** The staff member may not exist yet (the steps say to create one), so an unknown e-mail is a warning. */
async function askStaff(
  p: Prompter,
  flag: string | undefined,
  staff: Staff[],
  apiUser: string,
  warn: (s: string) => void,
  lang: Lang,
): Promise<string | undefined> {
  const known = (email: string) => {
    const found = findStaff(staff, email);
    if (found && !found.active)
      throw new UsageError(`--integration-staff: ${found.staff_email} is inactive in this account.`, {
        details: { flag: '--integration-staff' },
      });
    if (!found)
      warn(
        lang === 'ru'
          ? `${email} ещё не сотрудник этого аккаунта; как его добавить, скажет \`omnibot steps\`.`
          : `${email} is not a staff member of this account yet; \`omnibot steps\` says how to add them.`,
      );
    return email;
  };
  if (flag !== undefined) return known(checkFlag('--integration-staff', flag, checkEmail));
  // Unset means the API user, which is what the config falls back to.
  if (!p.interactive) return undefined;
  const active = staff.filter((s) => s.active);
  const picked = await p.select<string | typeof OTHER>({
    message: t(
      {
        ru: 'Сотрудник интеграции: от его имени BILLmanager отвечает и создаёт обращения',
        en: 'Integration staff member: BILLmanager answers and creates cases as this person',
      },
      lang,
    ),
    flag: '--integration-staff',
    default: apiUser,
    choices: [
      ...active.map((s) => ({ name: `${s.staff_full_name} <${s.staff_email}>`, value: s.staff_email })),
      {
        name: t(
          {
            ru: 'Другой e-mail (сотрудник, которого ещё нужно создать)',
            en: 'Another e-mail (a staff member still to create)',
          },
          lang,
        ),
        value: OTHER,
      },
    ],
  });
  if (picked !== OTHER) return picked;
  return known(
    (
      await p.input({
        message: t({ ru: 'E-mail сотрудника интеграции:', en: 'E-mail of the integration staff member:' }, lang),
        flag: '--integration-staff',
        validate: checkEmail,
      })
    ).trim(),
  );
}

export async function ask({ p, io, flag, email, live, lang }: InitContext<'omnidesk'>): Promise<InitAnswers> {
  const ru = lang === 'ru';
  const billmanagerUrl = await askBillmanagerUrl(p, flag('billmanagerUrl'), lang);
  const integrationStaff = await askStaff(p, flag('integrationStaff'), live.staff, email, (s) => io.warn(s), lang);
  return {
    integration: {
      billmanagerUrl,
      secret: `\${${BILLMANAGER_SECRET_VAR}}`,
      ...(integrationStaff ? { integrationStaff } : {}),
    },
    defaultName: 'billmanager',
    secret: { envVar: BILLMANAGER_SECRET_VAR, what: ru ? 'новый секрет BILLmanager' : 'a new BILLmanager secret' },
    summary: { billmanagerUrl, integrationStaff: integrationStaff ?? email },
    next: (name) => [
      [
        `omnibot steps --integration ${name}`,
        ru
          ? 'сторона Omnidesk и сторона BILLmanager, шаг за шагом'
          : 'the Omnidesk side and the BILLmanager side, step by step',
      ],
      [
        'omnibot billmanager fields lint <custom_fields_values.json>',
        ru ? 'проверить соответствие полей данных до установки' : 'check the data-field mapping before installing it',
      ],
      ['omnibot plan', ru ? 'что уже есть и чего не хватает' : 'what exists and what is missing'],
      [
        'omnibot verify',
        ru ? 'канал, его секрет, поля данных, адрес CGI' : 'the channel, its secret, the data fields, the CGI URL',
      ],
    ],
  };
}
