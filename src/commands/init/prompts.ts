/**
 * The questions every recipe shares: the account, the credentials, the integration's name and
 * the .env offer. Each returns the flag's value when one was given and asks only otherwise;
 * without a terminal the prompter turns a question into exit 2 naming the flag. The recipes'
 * own questions live in ./recipes/.
 */
import type { Prompter } from '../../core/io/prompter.js';
import type { HelpdeskDefinition } from '../../helpdesks/define.js';
import { checkAccountUrl, checkEmail, checkFlag, checkName, checkRequired } from '../../kit/answer-checks.js';
import { t, type Lang } from '../../core/localized.js';

export async function askUrl(
  p: Prompter,
  desk: Pick<HelpdeskDefinition, 'title' | 'domain'>,
  flag: string | undefined,
  previous?: string,
  lang: Lang = 'ru',
): Promise<string> {
  const check = checkAccountUrl(desk.domain);
  if (flag !== undefined) return checkFlag('--url', flag, check);
  const message = t(
    {
      ru: `Аккаунт ${desk.title} (acme, acme.${desk.domain} или адрес):`,
      en: `${desk.title} account (acme, acme.${desk.domain} or a URL):`,
    },
    lang,
  );
  return (await p.input({ message, flag: '--url', default: previous, validate: check })).trim();
}

export async function askEmail(
  p: Prompter,
  flag: string | undefined,
  previous?: string,
  lang: Lang = 'ru',
): Promise<string> {
  if (flag !== undefined) return checkFlag('--email', flag, checkEmail);
  const message = t(
    {
      ru: 'E-mail сотрудника, чей API ключ использует omnibot:',
      en: 'E-mail of the staff member whose API key omnibot uses:',
    },
    lang,
  );
  return (await p.input({ message, flag: '--email', default: previous, validate: checkEmail })).trim();
}

export async function askApiKey(p: Prompter, varName: string, lang: Lang = 'ru'): Promise<string> {
  const message = t(
    {
      ru: `API ключ (не отображается; конфиг будет читать его из \${${varName}}):`,
      en: `API key (hidden; the config will read it from \${${varName}}):`,
    },
    lang,
  );
  return (await p.password({ message, flag: '--api-key-env', validate: checkRequired })).trim();
}

/** `taken`: names the appended config already uses, refused at the prompt so a person can retype. */
export async function askName(
  p: Prompter,
  flag: string | undefined,
  fallback: string,
  taken: Set<string>,
  lang: Lang = 'ru',
): Promise<string> {
  if (flag !== undefined) return checkFlag('--name', flag, checkName);
  if (!p.interactive) return fallback;
  const validate = (v: string) =>
    taken.has(v.trim())
      ? t(
          {
            ru: `в конфиге уже есть интеграция «${v.trim()}»`,
            en: `the config already has an integration named "${v.trim()}"`,
          },
          lang,
        )
      : checkName(v.trim());
  let suggested = fallback;
  for (let i = 2; taken.has(suggested); i++) suggested = `${fallback}-${i}`;
  return (
    await p.input({
      message: t({ ru: 'Короткое имя этой интеграции:', en: 'A short name for this integration:' }, lang),
      flag: '--name',
      default: suggested,
      validate,
    })
  ).trim();
}

/** `offer`: what would go to .env, e.g. "the key as OMNIDESK_API_KEY"; undefined when nothing would. */
export async function askWriteEnv(
  p: Prompter,
  flag: boolean | undefined,
  offer: string | undefined,
  lang: Lang = 'ru',
): Promise<boolean> {
  if (flag !== undefined) return flag;
  if (!p.interactive || !offer) return false;
  const message = t(
    {
      ru: `Сохранить ${offer} в .env (права 0600, вне git)?`,
      en: `Save ${offer} in .env (mode 0600, git-ignored)?`,
    },
    lang,
  );
  return p.confirm({ message, flag: '--write-env', default: true });
}

/** The wizard offers CI; the flag answers it (and without a terminal no flag means no workflow). */
export async function askCi(p: Prompter, flag: 'github' | undefined, lang: Lang = 'ru'): Promise<'github' | undefined> {
  if (flag !== undefined || !p.interactive) return flag;
  const answer = await p.select<'github' | 'none'>({
    message: t({ ru: 'Проверять настройку и в CI?', en: 'Check the setup in CI too?' }, lang),
    flag: '--ci',
    default: 'none',
    choices: [
      {
        value: 'github',
        name: t(
          {
            ru: 'GitHub Actions: записать .github/workflows/omnibot.yml (запускает omnibot verify)',
            en: 'GitHub Actions: write .github/workflows/omnibot.yml (runs omnibot verify)',
          },
          lang,
        ),
      },
      { value: 'none', name: t({ ru: 'Без CI', en: 'No CI workflow' }, lang) },
    ],
  });
  return answer === 'github' ? 'github' : undefined;
}
