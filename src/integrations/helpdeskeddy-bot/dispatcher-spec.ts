/**
 * The dispatcher rule of seed 002 as data: one rule on «Новая заявка» and «Новый ответ в заявке»
 * whose «Отправить вебхук» action is asynchronous, without retries, POST, JSON, «Без авторизации»,
 * to the bot URL that carries the token, with the seed's nine-field body template. `steps` prints
 * it, the sandbox executes it, and the loop guard is part of it (see `why` in dispatcher-rule.ts).
 */
import type { HelpdeskeddyBotIntegration } from './schema.js';
import { seedBody } from '../../helpdesks/helpdeskeddy/dispatcher-body.js';
import type { HdeDispatcherRuleSpec } from '../../helpdesks/helpdeskeddy/specs.js';

/** «Название правила»: the seed leaves it to the user; this one says who owns the rule. */
export function ruleTitle(integration: Pick<HelpdeskeddyBotIntegration, 'name'>): string {
  return `omnibot: ${integration.name}`;
}

/**
 * The URL as the user pastes it: the config's webhookUrl, whose `${HDE_BOT_TOKEN}` the loader
 * already resolved. A URL written with the seed's `<token>` placeholder gets the token too.
 */
export function webhookUrlWithToken(integration: Pick<HelpdeskeddyBotIntegration, 'webhookUrl' | 'token'>): string {
  return integration.webhookUrl.replace(/<token>|\{token\}/g, encodeURIComponent(integration.token));
}

export function dispatcherRuleSpec(
  integration: Pick<HelpdeskeddyBotIntegration, 'name' | 'webhookUrl' | 'token' | 'loopGuard'>,
): HdeDispatcherRuleSpec {
  return {
    kind: 'helpdeskeddy.dispatcher-rule',
    title: ruleTitle(integration),
    group: 'main',
    required: ['new_ticket', 'new_reply'],
    extra: integration.loopGuard === false ? [] : [{ field: 'last_reply_author_group', op: 'eq', value: 'client' }],
    action: {
      type: 'webhook',
      mode: 'async',
      retries: false,
      method: 'POST',
      format: 'JSON',
      auth: 'none',
      url: webhookUrlWithToken(integration),
      body: seedBody().template,
    },
  };
}
