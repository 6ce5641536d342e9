/** The few words the step renderers put around the steps, in both languages. */
import type { Lang } from '../core/localized.js';

export const WORDS: Record<
  Lang,
  Record<'step' | 'where' | 'page' | 'why' | 'automatic' | 'advice' | 'none' | 'noIntegrations', string>
> = {
  ru: {
    step: 'Шаг',
    where: 'Где',
    page: 'Страница',
    why: 'Зачем',
    automatic: 'omnibot apply делает это сам через API; вручную — так:',
    advice: 'Совет: прочитайте и решите сами; подтверждать нечего, omnibot этот шаг не проверяет.',
    none: 'Ручных шагов нет.',
    noIntegrations: 'В конфиге нет интеграций.',
  },
  en: {
    step: 'Step',
    where: 'Where',
    page: 'Page',
    why: 'Why',
    automatic: 'omnibot apply does this through the API; to do it by hand:',
    advice: 'Advice: read it and decide; there is nothing to confirm, and omnibot does not check it.',
    none: 'No manual steps.',
    noIntegrations: 'The config has no integrations.',
  },
};
