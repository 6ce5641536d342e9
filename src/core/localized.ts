/** Text in both languages omnibot speaks. Russian UI labels are the seeds' exact words. */
export interface Localized {
  ru: string;
  en: string;
}

export type Lang = keyof Localized;

export function t(text: Localized, lang: Lang): string {
  return text[lang];
}

export function both(text: string): Localized {
  return { ru: text, en: text };
}
