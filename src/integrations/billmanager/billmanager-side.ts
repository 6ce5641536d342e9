/**
 * Seed 003, «Настройка на стороне BILLmanager»: six steps in BILLmanager's own panel. No API of
 * Omnidesk sees them, so they are notes a person confirms. Menu words are the seed's, except
 * «Создать», whose first letter the seed types in Latin: a search for it in the UI would not match.
 */
import type { BillmanagerIntegration } from './schema.js';
import type { Config } from '../../model/config.js';
import type { Localized } from '../../core/localized.js';
import type { Resource } from '../../model/resource.js';
import type { Instruction, ManualStep } from '../../core/manual-step.js';
import { integrationEmail } from './integration-staff.js';

export const FIELDS_FILE_PATH = '/usr/local/mgr5/etc/omnidesk/custom_fields_values.json';

function text(ru: string, en: string): Instruction {
  return { text: { ru, en } };
}

function note(
  id: string,
  title: Localized,
  path: Localized | undefined,
  instructions: Instruction[],
  why?: Localized,
): ManualStep {
  return {
    id,
    title,
    ...(path ? { path } : {}),
    instructions,
    ...(why ? { why } : {}),
    spec: { kind: 'note', topic: `billmanager.${id.replace(/^bm-/, '')}` },
  };
}

const MODULES: Localized = { ru: 'Интеграции → Модули', en: '"Integration" → "Modules" («Интеграции → Модули»)' };
const STAFF: Localized = { ru: 'Провайдер → Сотрудники', en: '"Provider" → "Staff" («Провайдер → Сотрудники»)' };

function moduleStep(): ManualStep {
  return note(
    'bm-module',
    { ru: 'BILLmanager: модуль интеграции с Омнидеск', en: 'BILLmanager: the Omnidesk integration module' },
    MODULES,
    [
      text(
        'Установите модуль интеграции с Омнидеск: выберите модуль OmniDesk и нажмите Установить.',
        'Install the Omnidesk module: pick the module OmniDesk and press «Установить» (Install).',
      ),
      text(
        'После завершения установки нажмите Настроить.',
        'When the installation finishes, press «Настроить» (Configure).',
      ),
    ],
  );
}

function paramsStep(it: BillmanagerIntegration, config: Config): ManualStep {
  const email = integrationEmail(it, config);
  const known: Instruction[] = [
    {
      text: { ru: 'адрес Омнидеска', en: 'the Omnidesk address' },
      ...(config.omnidesk ? { value: config.omnidesk.url } : {}),
      depth: 1,
    },
    ...(email
      ? [{ text: { ru: 'e-mail сотрудника интеграции', en: 'the integration staff e-mail' }, value: email, depth: 1 }]
      : []),
    {
      text: {
        ru: 'API ключ этого сотрудника (шаг «API ключ для BILLmanager»)',
        en: 'that staff member’s API key (step "API key for BILLmanager")',
      },
      depth: 1,
    },
    {
      text: {
        ru:
          'secret_key — тот же секрет, что стоит после «?» в Webhook URL кастомного канала (omnibot его не ' +
          'печатает: возьмите значение из переменной окружения, на которую ссылается secret в конфиге)',
        en:
          'secret_key — the same secret that follows "?" in the custom channel’s Webhook URL (omnibot never prints ' +
          'it: take it from the environment variable the config’s secret refers to)',
      },
      depth: 1,
    },
  ];
  return note(
    'bm-params',
    { ru: 'BILLmanager: параметры интеграции', en: 'BILLmanager: integration parameters' },
    { ru: 'Интеграции → Модули → OmniDesk → Настроить', en: '«Интеграции → Модули → OmniDesk → Настроить»' },
    [
      text(
        'Заполните все поля во вкладке Параметры интеграции и нажмите Ok.',
        'Fill in every field on the «Параметры интеграции» (integration parameters) tab and press Ok.',
      ),
      text(
        'Список этих полей BILLmanager не публикует; значения, которые знает omnibot:',
        'BILLmanager does not publish a list of those fields; the values omnibot knows:',
      ),
      ...known,
    ],
    {
      ru:
        'secret_key должен совпадать с секретом в Webhook URL канала, иначе CGI BILLmanager отвергнет ответы ' +
        'сотрудников.',
      en: 'secret_key must equal the secret in the channel’s Webhook URL, or BILLmanager’s CGI rejects staff replies.',
    },
  );
}

function staffStep(it: BillmanagerIntegration, config: Config): ManualStep {
  const email = integrationEmail(it, config);
  return note(
    'bm-staff',
    { ru: 'BILLmanager: сотрудник интеграции', en: 'BILLmanager: the integration staff member' },
    { ru: 'Провайдер → Сотрудники → Создать', en: '«Провайдер → Сотрудники → Создать» (Provider → Staff → Create)' },
    [
      {
        ...text(
          'Создайте сотрудника с электронной почтой пользователя интеграции',
          'Create a staff member with the integration user’s e-mail',
        ),
        ...(email ? { value: email } : {}),
      },
      text('После заполнения всех полей нажмите кнопку Ok.', 'Fill in every field and press Ok.'),
    ],
  );
}

function rightsStep(): ManualStep {
  return note(
    'bm-rights',
    { ru: 'BILLmanager: права группы Поддержка', en: 'BILLmanager: rights of the group «Поддержка»' },
    STAFF,
    [
      text(
        'Выберите созданного на предыдущем шаге сотрудника и нажмите кнопку Права.',
        'Select the staff member created in the previous step and press «Права» (Rights).',
      ),
      text(
        'В открывшемся окне найдите группу Поддержка и назначьте все права из данной группы.',
        'In the window that opens, find the group «Поддержка» (Support) and grant every right of that group.',
      ),
    ],
  );
}

function fieldsStep(it: BillmanagerIntegration): ManualStep {
  const links: Instruction[] = it.fields.map((f) => ({
    text: { ru: `поле Омнидеска «${f.omnideskField}» ← значение`, en: `Omnidesk field «${f.omnideskField}» ← value` },
    value: f.key,
    depth: 1,
  }));
  return note(
    'bm-fields',
    { ru: 'BILLmanager: кастомные поля', en: 'BILLmanager: custom fields' },
    {
      ru: 'Интеграции → Модули → Настроить → вкладка Кастомные поля',
      en: '«Интеграции → Модули → Настроить» → tab «Кастомные поля» (custom fields)',
    },
    [
      text(
        'Нажмите кнопку Настроить напротив модуля и добавьте новое кастомное поле кнопкой во вкладке Кастомные поля.',
        'Press «Настроить» next to the module and add a custom field with the button on the «Кастомные поля» tab.',
      ),
      text(
        'Для каждого поля укажите связку между полем на стороне Омнидеск и значением в BILLmanager:',
        'For each field, link the Omnidesk field to a BILLmanager value:',
      ),
      ...(links.length
        ? links
        : [
            text(
              '(в конфиге нет fields — перечислите там связки, и omnibot проверит поля)',
              '(the config has no fields — list the links there and omnibot checks them)',
            ),
          ]),
      // One sentence, one bullet: the file and the command that checks it are its two values.
      text(
        `Если подходящего значения нет в списке, добавьте объект {entity, name, sql} в файл ${FIELDS_FILE_PATH} ` +
          `и проверьте файл командой: omnibot billmanager fields lint ${it.fieldsFile ?? 'custom_fields_values.json'}`,
        `If the value is not in the list, add an {entity, name, sql} object to ${FIELDS_FILE_PATH} and check the ` +
          `file with: omnibot billmanager fields lint ${it.fieldsFile ?? 'custom_fields_values.json'}`,
      ),
    ],
  );
}

function ratingStep(): ManualStep {
  return note(
    'bm-rating',
    { ru: 'BILLmanager: оценка ответов', en: 'BILLmanager: reply ratings' },
    { ru: 'Настройки → Оценка ответов', en: '"Settings" → "Reply rating" («Настройки → Оценка ответов»)' },
    [
      text(
        'Включите опцию «Клиенты могут оценивать работу сотрудников в обращениях по почте и из центра поддержки».',
        'Turn on «Клиенты могут оценивать работу сотрудников в обращениях по почте и из центра поддержки» (customers ' +
          'may rate staff in e-mail and help-center requests).',
      ),
      {
        text: {
          ru: 'В поле «Каким образом отправлять просьбу оценить работу» выберите',
          en: 'In «Каким образом отправлять просьбу оценить работу» (how to ask for a rating) pick',
        },
        value: 'в подписи каждого ответа сотрудника',
      },
    ],
    {
      ru: 'Так оценки клиентов синхронизируются между BILLmanager и Омнидеском.',
      en: 'This is what syncs customer ratings between BILLmanager and Omnidesk.',
    },
  );
}

export function billmanagerSideSteps(it: BillmanagerIntegration, config: Config): ManualStep[] {
  return [moduleStep(), paramsStep(it, config), staffStep(it, config), rightsStep(), fieldsStep(it), ratingStep()];
}

export function billmanagerSideResources(it: BillmanagerIntegration, config: Config): Resource[] {
  return billmanagerSideSteps(it, config).map((step) => ({
    id: step.id,
    kind: 'note',
    title: step.title,
    mode: 'manual' as const,
    describe: ({ config: current }) => billmanagerSideSteps(it, current).find((s) => s.id === step.id)!,
  }));
}
