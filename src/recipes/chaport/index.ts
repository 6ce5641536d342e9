/** Placeholder until this recipe lands. */
import { FailedError } from '../../errors.js';
import type { Recipe } from '../../model/resource.js';

export const recipe: Recipe = {
  name: 'chaport',
  helpdesk: 'omnidesk',
  title: { ru: 'chaport', en: 'chaport' },
  seed: '',
  sampleEvents: [],
  resources() {
    throw new FailedError('The recipe "chaport" is not built yet.');
  },
};
