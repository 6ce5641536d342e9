/** Placeholder until this recipe lands. */
import { FailedError } from '../../errors.js';
import type { Recipe } from '../../model/resource.js';

export const recipe: Recipe = {
  name: 'omnidesk-custom-channel',
  helpdesk: 'omnidesk',
  title: { ru: 'omnidesk-custom-channel', en: 'omnidesk-custom-channel' },
  seed: '',
  sampleEvents: [],
  resources() {
    throw new FailedError('The recipe "omnidesk-custom-channel" is not built yet.');
  },
};
