/**
 * Seed 003, Omnidesk side, steps 2 and 4: the API key BILLmanager uses, and the staff member
 * the integration acts as. The staff member is readable (`GET /api/staff.json`: exists,
 * active); the rights on the custom and e-mail channels are not, so the step says so.
 */
import type { BillmanagerIntegration } from './schema.js';
import type { Config } from '../../model/config.js';
import type { ReadResult, Resource, ResourceContext } from '../../model/resource.js';
import type { ManualStep } from '../../core/manual-step.js';
import { API_KEY_PATH } from '../../helpdesks/omnidesk/ui.js';
import { findStaff } from '../../helpdesks/omnidesk/staff.js';

/** The integration's staff e-mail: the configured one, else the API user of the config. */
export function integrationEmail(it: BillmanagerIntegration, config: Config): string | undefined {
  return it.integrationStaff ?? config.omnidesk?.email;
}

export function apiKeyStep(it: BillmanagerIntegration, config: Config): ManualStep {
  const email = integrationEmail(it, config);
  return {
    id: 'api-key',
    title: { ru: 'Омнидеск: API ключ для BILLmanager', en: 'Omnidesk: API key for BILLmanager' },
    path: API_KEY_PATH,
    instructions: [
      {
        text: {
          ru: 'Если учётной записи в Омнидеске ещё нет, зарегистрируйте новую учетную запись.',
          en: 'If you have no Omnidesk account yet, register a new one.',
        },
      },
      {
        text: {
          ru:
            'Создайте API ключ. Он будет использоваться BILLmanager для взаимодействия с Омнидеск. Ключ ' +
            'принадлежит сотруднику интеграции',
          en:
            'Create an API key. BILLmanager uses it to talk to Omnidesk. The key belongs to the integration staff ' +
            'member',
        },
        ...(email ? { value: email } : {}),
      },
      {
        text: {
          ru:
            'Ключ понадобится во вкладке «Параметры интеграции» в BILLmanager; не сохраняйте его в файлах под ' +
            'контролем версий.',
          en:
            'You will enter the key on BILLmanager’s «Параметры интеграции» tab; keep it out of version-controlled ' +
            'files.',
        },
      },
    ],
    spec: { kind: 'note', topic: 'omnidesk.api-key' },
  };
}

export function staffStep(it: BillmanagerIntegration, config: Config): ManualStep {
  const email = integrationEmail(it, config);
  return {
    id: 'integration-staff',
    title: { ru: 'Омнидеск: сотрудник интеграции', en: 'Omnidesk: the integration staff member' },
    instructions: [
      {
        text: {
          ru:
            'При необходимости создайте пользователя, от имени которого будет происходить взаимодействие между ' +
            'системами BILLmanager и Омнидеск. E-mail',
          en: 'If needed, create the user BILLmanager and Omnidesk exchange data as. E-mail',
        },
        ...(email ? { value: email } : {}),
      },
      {
        text: {
          ru:
            'Обратите внимание: сотрудник интеграции должен обладать полными правами для работы с кастомным и ' +
            'email каналами.',
          en: 'Note: the integration staff member must have full rights on the custom and e-mail channels.',
        },
      },
      {
        text: {
          ru:
            'API не показывает права сотрудника: omnibot проверит только, что сотрудник есть и активен. Права ' +
            'проверьте в его настройках.',
          en:
            'The API does not show a staff member’s rights: omnibot checks only that the staff member exists and ' +
            'is active. Check the rights in their settings.',
        },
      },
    ],
    why: {
      ru: 'Без прав на кастомный канал BILLmanager не сможет создавать обращения и отвечать в них.',
      en: 'Without rights on the custom channel BILLmanager cannot create cases or reply in them.',
    },
    spec: { kind: 'note', topic: 'omnidesk.integration-staff' },
  };
}

export async function readStaff(rc: ResourceContext, email: string | undefined): Promise<ReadResult> {
  if (!email)
    return { status: 'unknown', detail: 'no integrationStaff in the config and no omnidesk.email to fall back on' };
  const api = await rc.clients.get('omnidesk');
  const staff = findStaff(await api.listStaff(), email);
  if (!staff) return { status: 'manual', detail: `no staff member ${email}` };
  const actual = { staff_id: staff.staff_id, staff_email: staff.staff_email, active: staff.active };
  if (!staff.active)
    return {
      status: 'manual',
      id: String(staff.staff_id),
      actual,
      detail: `staff member ${email} (id ${staff.staff_id}) is disabled`,
    };
  return {
    status: 'ok',
    id: String(staff.staff_id),
    actual,
    detail: `staff member ${email} (id ${staff.staff_id}), active; rights are not readable`,
  };
}

export function apiKeyResource(it: BillmanagerIntegration): Resource {
  return {
    id: 'api-key',
    kind: 'note',
    title: { ru: 'API ключ для BILLmanager', en: 'API key for BILLmanager' },
    mode: 'manual',
    describe: ({ config }) => apiKeyStep(it, config),
  };
}

export function staffResource(it: BillmanagerIntegration): Resource {
  return {
    id: 'integration-staff',
    kind: 'omnidesk.staff',
    title: { ru: 'Сотрудник интеграции', en: 'Integration staff member' },
    mode: 'check',
    read: (rc) => readStaff(rc, integrationEmail(it, rc.config)),
    describe: ({ config }) => staffStep(it, config),
  };
}
