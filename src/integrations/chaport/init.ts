/**
 * `chaport` (seed 004): nothing beyond the Omnidesk connection. Chaport talks to Omnidesk
 * itself; omnibot maps staff statuses and describes the two auto-close rules.
 */
import type { InitAnswers } from '../../kit/integration.js';

export async function ask(): Promise<InitAnswers> {
  return {
    integration: {},
    defaultName: 'chaport',
    summary: {},
    next: (name) => [
      ['omnibot chaport status-map', 'the Chaport status each staff member gets from their Omnidesk status'],
      [`omnibot steps --integration ${name}`, 'the two rules that finish bot-only chats («в ожидании»)'],
      ['omnibot plan', 'what exists and what is missing'],
    ],
  };
}
