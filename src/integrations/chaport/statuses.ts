/**
 * The `staff-statuses` resource of the chaport recipe: every custom staff status must have a
 * known answer to "does it give access to active chats?", or the status map cannot
 * say whether the linked Chaport operator goes online. The API lists statuses without that
 * property, so the answer comes from the config; a status nobody described is `unknown`.
 */
import type { ChaportIntegration } from './schema.js';
import type { ReadResult, Resource, ResourceContext } from '../../model/resource.js';
import type { ManualStep } from '../../core/manual-step.js';
import { mapStatus } from './status-map.js';

export const STATUSES_RESOURCE_ID = 'staff-statuses';

export function statusesStep(it: ChaportIntegration): ManualStep {
  return {
    id: STATUSES_RESOURCE_ID,
    title: { ru: 'Доступ кастомных статусов к активным чатам', en: 'Custom statuses’ access to active chats' },
    instructions: [
      {
        text: {
          ru:
            'В Chaport у операторов только три статуса (онлайн, офлайн и невидимка), поэтому при передаче статуса ' +
            'учитывается наличие доступа к обработке активных чатов.',
          en:
            'Chaport operators have only three statuses (online, offline, invisible), so the status is passed on ' +
            'by whether it grants access to handling active chats.',
        },
      },
      {
        text: {
          ru:
            'Откройте настройки каждого кастомного статуса сотрудников в Омнидеске и посмотрите, есть ли в них ' +
            'доступ к обработке активных чатов. Запишите ответ в конфиг (API его не сообщает):',
          en:
            'Open the settings of each custom staff status in Omnidesk and see whether it grants access to ' +
            'handling active chats. Write the answer into the config (the API does not report it):',
        },
        value: `integrations[name=${it.name}].statuses["<id или название>"] = { "chatAccess": true | false }`,
      },
      {
        text: { ru: 'Проверьте результат:', en: 'Check the result:' },
        value: 'omnibot chaport status-map',
      },
    ],
    spec: { kind: 'note', topic: 'chaport.status-access' },
  };
}

export async function readStatuses(rc: ResourceContext, it: ChaportIntegration): Promise<ReadResult> {
  const api = await rc.clients.get('omnidesk');
  const statuses = await api.listStaffStatuses();
  const options = { statuses: it.statuses, offlineDelayMinutes: it.offlineDelayMinutes, integration: it.name };
  const custom = statuses.map((s) => ({ s, m: mapStatus(s, options) })).filter(({ m }) => m.kind === 'custom');
  const unknown = custom.filter(({ m }) => m.source === 'unknown');
  const configured = custom.filter(({ m }) => m.source === 'configured').length;
  const actual = {
    statuses: statuses.length,
    custom: custom.length,
    configured,
    unknown: unknown.map(({ s }) => s.status_id),
  };
  if (unknown.length) {
    const names = unknown.map(({ s }) => `«${s.status}» (${s.status_id})`).join(', ');
    return {
      status: 'unknown',
      actual,
      detail: `chat access unknown for ${names}; set integrations[name=${it.name}].statuses["<id>"].chatAccess`,
    };
  }
  return {
    status: 'ok',
    actual,
    detail: `${statuses.length} statuses, ${custom.length} custom (${configured} from the config)`,
  };
}

export function statusesResource(it: ChaportIntegration): Resource {
  return {
    id: STATUSES_RESOURCE_ID,
    kind: 'omnidesk.staff-statuses',
    title: { ru: 'Статусы сотрудников → Chaport', en: 'Staff statuses → Chaport' },
    mode: 'check',
    read: (rc) => readStatuses(rc, it),
    describe: () => statusesStep(it),
  };
}
