/**
 * `label`: the one object the API can create. Cases carrying it belong to the bot; the
 * hand-off removes it. Found by exact title, created only when a fresh list lacks it.
 */
import type { Resource } from '../../model/resource.js';
import { LABELS_PATH } from '../../helpdesks/omnidesk/ui.js';

export function labelResource(title: string): Resource {
  return {
    id: 'label',
    kind: 'omnidesk.label',
    title: { ru: `Метка «${title}»`, en: `Label "${title}"` },
    mode: 'api',
    async read(rc) {
      const api = await rc.clients.get('omnidesk');
      const found = (await api.listLabels()).find((l) => l.label_title === title);
      if (found)
        return { status: 'ok', id: String(found.label_id), detail: `label "${title}" exists (id ${found.label_id})` };
      return { status: 'create', detail: `label "${title}" does not exist yet; apply creates it` };
    },
    async create(rc) {
      const api = await rc.clients.get('omnidesk');
      const label = await api.createLabel(title);
      return { id: String(label.label_id), detail: `created label "${title}" (id ${label.label_id})` };
    },
    describe() {
      return {
        id: 'label',
        title: { ru: 'Метка бота', en: "The bot's label" },
        path: LABELS_PATH,
        instructions: [{ text: { ru: 'Название метки', en: 'Label title' }, value: title }],
        why: {
          ru: 'Бот обрабатывает только обращения с этой меткой; после перевода на оператора метка снимается через API.',
          en: 'The bot handles only cases with this label; the hand-off to an operator removes it through the API.',
        },
        spec: { kind: 'note', topic: 'omnidesk.label' },
      };
    },
  };
}
