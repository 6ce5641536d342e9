/**
 * The one entry point for rendering steps: text, markdown, or json (`{ steps: ManualStep[] }`
 * plus where each step belongs, with both languages and the machine-readable specs).
 */
import type { Lang } from '../core/localized.js';
import type { IntegrationSteps, StepEntry } from './collect.js';
import { renderMarkdown } from './render-markdown.js';
import { renderText } from './render-text.js';

export type StepsFormat = 'text' | 'markdown' | 'json';

export interface StepsDocument {
  lang: Lang;
  steps: StepEntry[];
}

export function stepsDocument(groups: IntegrationSteps[], lang: Lang): StepsDocument {
  return { lang, steps: groups.flatMap((g) => g.steps) };
}

export function renderSteps(groups: IntegrationSteps[], format: StepsFormat, lang: Lang): string {
  if (format === 'json') return JSON.stringify(stepsDocument(groups, lang), null, 2) + '\n';
  if (format === 'markdown') return renderMarkdown(groups, lang);
  return renderText(groups, lang);
}
