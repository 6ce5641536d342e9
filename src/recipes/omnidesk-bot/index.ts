/** Placeholder until this recipe lands. */
import { FailedError } from '../../errors.js';
import type { Recipe } from '../../model/resource.js';

export const recipe: Recipe = {
  name: 'omnidesk-bot',
  helpdesk: 'omnidesk',
  title: { ru: 'omnidesk-bot', en: 'omnidesk-bot' },
  seed: '',
  sampleEvents: [],
  resources() {
    throw new FailedError('The recipe "omnidesk-bot" is not built yet.');
  },
};
