/**
 * Seed 003, Omnidesk side, step 5: the data fields BILLmanager fills («Каналы → Управление
 * обращениями → Поля данных»). Each mapped field must exist at the level its BILLmanager value
 * belongs to: a `user` value can only fill a user field, a `case` value a case field.
 * `GET /api/custom_fields.json` tells both, so each field is its own readable manual resource
 * (a `cf_12` reference names an existing field; the step then only asks to check its level).
 */
import type { BillmanagerIntegration } from './schema.js';
import type { Localized } from '../../core/localized.js';
import type { ReadResult, Resource } from '../../model/resource.js';
import type { ManualStep } from '../../core/manual-step.js';
import type { CustomField } from '../../helpdesks/omnidesk/client/types.js';

export type FieldMapping = BillmanagerIntegration['fields'][number];

export const DATA_FIELDS_PATH: Localized = {
  ru: 'Каналы → Управление обращениями → Поля данных',
  en: '"Channels" → "Case management" → "Data fields" («Каналы → Управление обращениями → Поля данных»)',
};

const LEVEL: Record<'user' | 'case', Localized> = {
  user: { ru: 'поле пользователя', en: 'a user field' },
  case: { ru: 'поле обращения', en: 'a case field' },
};

export type FieldVerdict =
  | { status: 'ok'; field: CustomField }
  | { status: 'missing' }
  | { status: 'wrong_level'; field: CustomField }
  | { status: 'disabled'; field: CustomField };

export function dataFieldId(mapping: FieldMapping): string {
  return `data-field-${mapping.key}`;
}

/** `cf_12` names a field by id; anything else is a title (case and outer spaces ignored). */
export function findField(fields: CustomField[], ref: string): CustomField | undefined {
  const byId = /^cf_(\d+)$/.exec(ref.trim());
  if (byId) return fields.find((f) => f.field_id === Number(byId[1]));
  const title = ref.trim().toLowerCase();
  const same = fields.filter((f) => f.title.trim().toLowerCase() === title);
  return same.find((f) => f.active) ?? same[0];
}

export function judgeField(fields: CustomField[], mapping: FieldMapping): FieldVerdict {
  const field = findField(fields, mapping.omnideskField);
  if (!field) return { status: 'missing' };
  if (field.field_level !== mapping.entity) return { status: 'wrong_level', field };
  if (!field.active) return { status: 'disabled', field };
  return { status: 'ok', field };
}

export function describeVerdict(mapping: FieldMapping, verdict: FieldVerdict): string {
  const name = `«${mapping.omnideskField}»`;
  switch (verdict.status) {
    case 'ok':
      return `data field ${name} is cf_${verdict.field.field_id}, ${verdict.field.field_level} level, active`;
    case 'missing':
      return `no data field ${name}`;
    case 'wrong_level':
      return (
        `data field ${name} (cf_${verdict.field.field_id}) is a ${verdict.field.field_level} field, but ` +
        `"${mapping.key}" fills a ${mapping.entity} field`
      );
    case 'disabled':
      return `data field ${name} (cf_${verdict.field.field_id}) is disabled`;
  }
}

export function dataFieldStep(mapping: FieldMapping): ManualStep {
  const level = LEVEL[mapping.entity];
  return {
    id: dataFieldId(mapping),
    title: {
      ru: `Омнидеск: поле данных «${mapping.omnideskField}»`,
      en: `Omnidesk: data field «${mapping.omnideskField}»`,
    },
    path: DATA_FIELDS_PATH,
    instructions: [
      {
        text: {
          ru:
            `Добавьте поле, которое будет заполняться на основании информации из BILLmanager (значение ` +
            `«${mapping.key}»): ${level.ru}, название`,
          en: `Add a field that BILLmanager fills (value "${mapping.key}"): ${level.en}, titled`,
        },
        value: mapping.omnideskField,
      },
    ],
    why: {
      ru:
        'BILLmanager заполняет поле только на том уровне, к которому относится значение (user — пользователь, case ' +
        '— обращение).',
      en: 'BILLmanager fills a field only at the level its value belongs to (user or case).',
    },
    spec: {
      kind: 'omnidesk.custom-field',
      title: mapping.omnideskField,
      field_type: 'text',
      field_level: mapping.entity,
    },
  };
}

export async function readDataField(fields: () => Promise<CustomField[]>, mapping: FieldMapping): Promise<ReadResult> {
  const verdict = judgeField(await fields(), mapping);
  const detail = describeVerdict(mapping, verdict);
  if (verdict.status === 'missing') return { status: 'manual', detail };
  const f = verdict.field;
  const actual = {
    field_id: f.field_id,
    title: f.title,
    field_level: f.field_level,
    field_type: f.field_type,
    active: f.active,
  };
  return { status: verdict.status === 'ok' ? 'ok' : 'manual', id: `cf_${f.field_id}`, actual, detail };
}

/** One resource per mapped field, so a missing field is its own plan line and its own verify check. */
export function dataFieldResources(it: BillmanagerIntegration): Resource[] {
  return it.fields.map((mapping) => ({
    id: dataFieldId(mapping),
    kind: 'omnidesk.custom-field',
    title: { ru: `Поле данных «${mapping.omnideskField}»`, en: `Data field «${mapping.omnideskField}»` },
    mode: 'manual' as const,
    read: (rc) => readDataField(() => rc.clients.get('omnidesk').then((api) => api.listCustomFields()), mapping),
    describe: () => dataFieldStep(mapping),
  }));
}
