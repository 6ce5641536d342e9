/**
 * `dispatcher-rule`: HelpDeskEddy has no API for dispatcher rules (reference §2.1), so this is a
 * manual step whose spec is the rule itself. The instructions are generated from the spec in the
 * order and words of seed 002, step 9 onwards; the body template is printed as a block to paste.
 */
import type { HelpdeskeddyBotIntegration } from './schema.js';
import type { Localized } from '../../core/localized.js';
import type { Resource, ResourceContext } from '../../model/resource.js';
import type { Instruction, ManualStep } from '../../core/manual-step.js';
import type { HdeDispatcherRuleSpec } from '../../helpdesks/helpdeskeddy/specs.js';
import { dispatcherRuleSpec } from './dispatcher-spec.js';
import { MENU, say } from '../../helpdesks/helpdeskeddy/ui.js';

const FORMATS: Record<HdeDispatcherRuleSpec['action']['format'], string> = {
  JSON: 'JSON',
  XML: 'XML',
  'X-FORM-URLENCODED': 'X-FORM-URLENCODED',
};

export const LOOP_GUARD_WHY: Localized = {
  ru:
    'Условие «Группа автора последнего ответа» = «Клиент» — защита от зацикливания. Бот отвечает через API от имени ' +
    'сотрудника, ' +
    'и его ответ — тоже «Новый ответ в заявке»: без этого условия правило снова отправит боту его же ответ, бот ' +
    'ответит на него, и так без конца.',
  en:
    'The condition «Группа автора последнего ответа» = «Клиент» (last reply author group = Client) is the loop ' +
    'guard. The bot replies through the API as a staff user, ' +
    'and its reply is a «Новый ответ в заявке» (new reply) too: without the condition the rule sends the bot its own ' +
    'reply, the bot answers it, and so on forever.',
};

export function dispatcherInstructions(spec: HdeDispatcherRuleSpec): Instruction[] {
  const out: Instruction[] = [
    { text: say((r, e) => ({ ru: `Нажмите кнопку ${r.addRule}`, en: `Click ${e.addRule}` })) },
    { text: say((r, e) => ({ ru: `Заполните поле ${r.ruleName}`, en: `Fill in ${e.ruleName}` })), value: spec.title },
    {
      text: say((r, e) => ({
        ru: `Выберите ${r.mainRules} в пункте ${r.ruleGroup}`,
        en: `Choose ${e.mainRules} under ${e.ruleGroup}`,
      })),
    },
    { text: say((r, e) => ({ ru: `Добавьте ${r.required}:`, en: `Add ${e.required}:` })) },
  ];
  for (const condition of spec.required) {
    const key = condition === 'new_ticket' ? 'newTicket' : 'newReply';
    out.push({ text: say((r, e) => ({ ru: r[key], en: e[key] })), depth: 1 });
  }
  for (const extra of spec.extra) {
    const value = extra.value === 'client' ? 'client' : 'staff';
    out.push({
      text: say((r, e) => ({
        ru: `Добавьте условие ${r.authorGroup} — ${r[value]} (защита от зацикливания, см. «Зачем»)`,
        en: `Add the condition ${e.authorGroup} — ${e[value]} (the loop guard, see "Why")`,
      })),
    });
    // The usual instructions for this rule omit the guard; its UI label is ours, so the step says so.
    out.push({
      text: {
        ru:
          'Этого условия нет в обычной инструкции HelpDeskEddy для ботов: его добавляет omnibot, а название пункта ' +
          'выведено из интерфейса (вывод omnibot). Если в вашем интерфейсе пункт называется иначе, выберите условие ' +
          'на группу автора последнего ответа.',
        en:
          'The usual HelpDeskEddy bot instructions lack this condition: omnibot adds it, and the item’s label is ' +
          'inferred from the UI (an omnibot inference). If your UI names it differently, pick the condition on the ' +
          'group of the last reply’s author.',
      },
      depth: 1,
    });
  }
  const a = spec.action;
  out.push({ text: say((r, e) => ({ ru: `Заполните пункт ${r.actions}:`, en: `Fill in ${e.actions}:` })) });
  const sub = (text: Localized, extra: Partial<Instruction> = {}): Instruction => ({ text, depth: 1, ...extra });
  out.push(sub(say((r, e) => ({ ru: r.sendWebhook, en: e.sendWebhook }))));
  out.push(
    sub(say((r, e) => ({ ru: a.mode === 'async' ? r.async : r.sync, en: a.mode === 'async' ? e.async : e.sync }))),
  );
  if (!a.retries) out.push(sub(say((r, e) => ({ ru: r.noRetries, en: `${e.noRetries}: ticked` }))));
  out.push(sub({ ru: a.method, en: `${a.method} (method)` }));
  out.push(sub({ ru: FORMATS[a.format], en: `${FORMATS[a.format]} (format)` }));
  out.push(sub(say((r, e) => ({ ru: r.noAuth, en: e.noAuth }))));
  out.push(sub({ ru: 'URL — указываем следующую ссылку:', en: 'URL — paste this link:' }, { value: a.url }));
  out.push({
    text: {
      ru:
        'Токен в ссылке — значение из .env рядом с конфигом (omnibot token generate); в выводе omnibot он скрыт ' +
        'как ***; omnibot steps --show-secrets покажет ссылку целиком',
      en:
        'The token in the link is the value in .env beside the config (omnibot token generate); omnibot masks it ' +
        'as *** unless you run omnibot steps --show-secrets',
    },
    depth: 2,
  });
  out.push(
    sub(
      { ru: 'Тело webhook заполняется следующим образом:', en: 'Fill in the webhook body exactly like this:' },
      { block: a.body },
    ),
  );
  out.push({ text: { ru: 'Сохраните правило.', en: 'Save the rule.' } });
  return out;
}

export function dispatcherStep(it: HelpdeskeddyBotIntegration, rc: Pick<ResourceContext, 'config'>): ManualStep {
  const spec = dispatcherRuleSpec(it);
  const url = rc.config.helpdeskeddy?.url;
  const why: Localized = {
    ru:
      'Правило отправляет боту каждую новую заявку и каждый новый ответ в ней. ' +
      (spec.extra.length ? LOOP_GUARD_WHY.ru : `ВНИМАНИЕ: loopGuard выключен. ${LOOP_GUARD_WHY.ru}`),
    en:
      'The rule sends the bot every new ticket and every new reply in it. ' +
      (spec.extra.length ? LOOP_GUARD_WHY.en : `WARNING: loopGuard is off. ${LOOP_GUARD_WHY.en}`),
  };
  return {
    id: 'dispatcher-rule',
    title: { ru: 'Правило диспетчера с вебхуком', en: 'Dispatcher rule with the webhook' },
    // The list page's address is inferred from the edit page's (reference §4.1).
    page: url ? `${url}/ru/staff/dispatcher/` : undefined,
    path: MENU.dispatcher,
    instructions: dispatcherInstructions(spec),
    why,
    spec,
  };
}

export function dispatcherRuleResource(it: HelpdeskeddyBotIntegration): Resource {
  return {
    id: 'dispatcher-rule',
    kind: 'helpdeskeddy.dispatcher-rule',
    title: { ru: 'Правило диспетчера', en: 'Dispatcher rule' },
    mode: 'manual',
    describe: (rc) => dispatcherStep(it, rc),
  };
}
