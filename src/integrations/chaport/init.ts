/**
 * `chaport`: nothing beyond the Omnidesk connection. Chaport talks to Omnidesk
 * itself; omnibot maps staff statuses and describes the two auto-close rules.
 */
import type { InitAnswers, InitContext } from '../../kit/integration.js';

export async function ask({ lang }: Pick<InitContext<'omnidesk'>, 'lang'>): Promise<InitAnswers> {
  const ru = lang === 'ru';
  return {
    integration: {},
    defaultName: 'chaport',
    summary: {},
    next: (name) => [
      [
        'omnibot chaport status-map',
        ru
          ? 'какой статус Chaport получает каждый сотрудник по своему статусу в Omnidesk'
          : 'the Chaport status each staff member gets from their Omnidesk status',
      ],
      [
        `omnibot steps --integration ${name}`,
        ru
          ? 'два правила, которые завершают чаты только с ботом («в ожидании»)'
          : 'the two rules that finish bot-only chats («в ожидании»)',
      ],
      ['omnibot plan', ru ? 'что уже есть и чего не хватает' : 'what exists and what is missing'],
    ],
  };
}
