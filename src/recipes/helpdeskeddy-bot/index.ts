/** Placeholder until this recipe lands. */
import { FailedError } from '../../errors.js';
import type { Recipe } from '../../model/resource.js';

export const recipe: Recipe = {
  name: 'helpdeskeddy-bot',
  helpdesk: 'helpdeskeddy',
  title: { ru: 'helpdeskeddy-bot', en: 'helpdeskeddy-bot' },
  seed: '',
  sampleEvents: [],
  resources() {
    throw new FailedError('The recipe "helpdeskeddy-bot" is not built yet.');
  },
};
