/**
 * `admin-key`: everything else goes through it. Reading it runs the check of reference §2.7: the
 * key works (a wrong one throws AuthError, so `plan` exits 3; a ban throws `hde_banned`) and its
 * user is staff. A client-group user makes the step pending again: the fix is the seed's first
 * step, the administrator's key.
 */
import { HDE_API_KEY_VAR } from '../../helpdesks/helpdeskeddy/index.js';
import { checkAdminKey } from '../../helpdesks/helpdeskeddy/client/admin-key.js';
import type { Resource, ResourceContext } from '../../model/resource.js';
import type { ManualStep } from '../../core/manual-step.js';
import { keyInEnvInstruction } from '../omnidesk-bot/credentials.js';
import { MENU } from '../../helpdesks/helpdeskeddy/ui.js';

export function adminKeyStep(rc: Pick<ResourceContext, 'config'>): ManualStep {
  const conn = rc.config.helpdeskeddy;
  return {
    id: 'admin-key',
    title: { ru: 'API ключ администратора системы', en: "The system administrator's API key" },
    path: MENU.keys,
    instructions: [
      {
        text: {
          ru:
            'Получите API ключ администратора системы в HelpDeskEddy. Для этого перейдите в Управление → ' +
            'Глобальные настройки → Система и скопируйте API ключ',
          en:
            "Get the system administrator's API key in HelpDeskEddy: open Управление → Глобальные настройки → " +
            'Система (Administration → Global settings → System) and copy the API key',
        },
      },
      {
        text: {
          ru: 'В конфиге укажите e-mail администратора, которому принадлежит ключ',
          en: 'Put the e-mail of the administrator who owns the key in the config',
        },
        value: conn?.email,
      },
      keyInEnvInstruction(HDE_API_KEY_VAR),
    ],
    why: {
      ru:
        'Через API omnibot проверяет ключ и то, что его владелец — сотрудник, создаёт проверочную заявку и читает ' +
        'ответы бота. ' +
        'Лимит API (по умолчанию 300 запросов в минуту) общий для всех интеграций аккаунта, а превышение блокирует ' +
        'весь аккаунт на минуты; omnibot держится ниже.',
      en:
        'Through the API omnibot checks the key and that its owner is staff, creates the test ticket and reads ' +
        "the bot's replies. " +
        'The API limit (300 requests a minute by default) is shared by every integration of the account, and going ' +
        'over it locks the whole account for minutes; omnibot stays below it.',
    },
    spec: { kind: 'note', topic: 'helpdeskeddy.admin-key' },
  };
}

export function adminKeyResource(): Resource {
  return {
    id: 'admin-key',
    kind: 'helpdeskeddy.credentials',
    title: { ru: 'API ключ администратора', en: 'Admin API key' },
    mode: 'check',
    async read(rc) {
      const report = await checkAdminKey(await rc.clients.get('helpdeskeddy'));
      const actual = {
        staff: report.staff,
        mainAdmin: report.mainAdmin,
        rateLimitPerMinute: report.rateLimitPerMinute,
      };
      if (!report.ok)
        return {
          status: 'manual',
          detail: `${report.detail}. ${report.fix ?? ''}`.trim(),
          id: report.user?.id,
          actual,
        };
      const limit =
        report.rateLimitPerMinute !== undefined
          ? `; the account allows ${report.rateLimitPerMinute} requests/min, shared by all integrations`
          : '';
      return { status: 'ok', id: report.user?.id, detail: `the key works: ${report.detail}${limit}`, actual };
    },
    describe: adminKeyStep,
  };
}
