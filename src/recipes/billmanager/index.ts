/** Placeholder until this recipe lands. */
import { FailedError } from '../../errors.js';
import type { Recipe } from '../../model/resource.js';

export const recipe: Recipe = {
  name: 'billmanager',
  helpdesk: 'omnidesk',
  title: { ru: 'billmanager', en: 'billmanager' },
  seed: '',
  sampleEvents: [],
  resources() {
    throw new FailedError('The recipe "billmanager" is not built yet.');
  },
};
