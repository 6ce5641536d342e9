/**
 * `reply-as-note`: «Посылать ответ как заметку» is an option on the bot's side, not in
 * Omnidesk, so no API can see it. When the config asks for it, it is a step to confirm; when
 * not, there is nothing to do.
 */
import type { Resource } from '../../model/resource.js';

const TITLE = { ru: 'Ответ как заметка', en: 'Reply as a note' };

export function replyAsNoteResource(replyAsNote: boolean): Resource {
  if (!replyAsNote) {
    return {
      id: 'reply-as-note',
      kind: 'bot.option',
      title: TITLE,
      mode: 'check',
      async read() {
        return { status: 'ok', detail: 'off: the bot answers customers directly (replyAsNote: false)' };
      },
    };
  }
  return {
    id: 'reply-as-note',
    kind: 'bot.option',
    title: TITLE,
    mode: 'manual',
    describe() {
      return {
        id: 'reply-as-note',
        title: { ru: 'Ответ бота как заметка', en: "The bot's answer as a note" },
        path: {
          ru: 'настройки интеграции Omnidesk в портале бота',
          en: "the bot portal's Omnidesk integration settings",
        },
        instructions: [
          {
            text: {
              ru:
                'В настройках интеграции бота с Omnidesk отметьте пункт «Посылать ответ как заметку» и сохраните ' +
                'интеграцию.',
              en:
                'In the bot\'s Omnidesk integration settings tick "Send the answer as a note" («Посылать ответ как ' +
                'заметку») and save the integration.',
            },
          },
        ],
        why: {
          ru: 'Тогда ответ бота увидит только агент, пользователь его не увидит.',
          en: "Then only the agent sees the bot's answer; the user does not.",
        },
        spec: { kind: 'note', topic: 'bot.reply-as-note' },
      };
    },
  };
}
