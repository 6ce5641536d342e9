/**
 * `api-key`: the prerequisite of everything else. Reading it proves the e-mail and key work
 * (an AuthError propagates, so `plan` exits 3), and its step tells where the key is made.
 */
import { OMNIDESK_API_KEY_VAR } from '../../helpdesks/omnidesk/index.js';
import type { Resource, ResourceContext } from '../../model/resource.js';
import type { Instruction, ManualStep } from '../../core/manual-step.js';
import { ADMIN_PAGES, API_KEY_PATH, adminPage } from '../../helpdesks/omnidesk/ui.js';
import { findStaff } from '../../helpdesks/omnidesk/staff.js';

/** The variable `init` writes into the config; the steps suggest the same name. */
/** The API key step's last line, for either helpdesk: keep the key in `varName`, refer to it from the config. */
export function keyInEnvInstruction(varName: string): Instruction {
  return {
    text: {
      ru:
        `Сохраните ключ в переменной окружения ${varName} (или в .env рядом с конфигом), а в конфиге оставьте ` +
        `ссылку на неё`,
      en: `Keep the key in the ${varName} environment variable (or in .env beside the config); the config refers to it`,
    },
    value: `\${${varName}}`,
  };
}

export function apiKeyStep(rc: Pick<ResourceContext, 'config'>): ManualStep {
  const conn = rc.config.omnidesk;
  return {
    id: 'api-key',
    title: { ru: 'API ключ Omnidesk', en: 'Omnidesk API key' },
    page: conn ? adminPage(conn.url, ADMIN_PAGES.apiKey) : undefined,
    path: API_KEY_PATH,
    instructions: [
      {
        text: {
          ru: 'Создайте API ключ (или возьмите уже созданный) на этой странице.',
          en: 'Create an API key (or take an existing one) on this page.',
        },
      },
      {
        text: {
          ru: 'Ключ принадлежит сотруднику; в конфиге укажите его почту',
          en: "The key belongs to a staff member; put that person's e-mail in the config",
        },
        value: conn?.email,
      },
      keyInEnvInstruction(OMNIDESK_API_KEY_VAR),
    ],
    why: {
      ru: 'Через API omnibot создаёт метку, проверяет агента и прогоняет проверочное обращение.',
      en: 'Through the API omnibot creates the label, checks the agent and runs the test case.',
    },
    spec: { kind: 'note', topic: 'omnidesk.api-key' },
  };
}

export function apiKeyResource(): Resource {
  return {
    id: 'api-key',
    kind: 'omnidesk.credentials',
    title: { ru: 'API ключ', en: 'API key' },
    mode: 'check',
    async read(rc) {
      const api = await rc.clients.get('omnidesk');
      const staff = await api.listStaff();
      const email = rc.config.omnidesk?.email ?? '';
      const me = findStaff(staff, email);
      return {
        status: 'ok',
        id: me ? String(me.staff_id) : undefined,
        detail: me
          ? `the API accepts the key of ${email} (staff #${me.staff_id})`
          : `the API accepts the key of ${email}`,
      };
    },
    describe: apiKeyStep,
  };
}
