/**
 * verify for `omnidesk-custom-channel` (seed 001): the channel exists and is active, its Webhook
 * URL and type match the config (three checks), the endpoint answers a message_new sample, and
 * with --e2e the round trip through the channel. A passing round trip proves the manual step.
 */
import type { CustomChannelIntegration } from '../../config/schema.js';
import { channelTarget } from '../../recipes/omnidesk-custom-channel/index.js';
import type { CheckDef } from '../check.js';
import { endpointCheck } from '../checks/endpoint.js';
import type { IntegrationInput, RecipeChecks, VerifyContext } from '../context.js';
import { channelCheckIds, channelChecks } from './channel-checks.js';
import { customChannelTripChecks } from './custom-channel-trip.js';

/** The generic endpoint check speaks of a bot and its rules; here the endpoint is the channel's. */
function channelEndpoint(def: CheckDef<VerifyContext> | undefined): CheckDef<VerifyContext> | undefined {
  if (!def) return undefined;
  return {
    ...def,
    title: def.title.replace('The bot endpoint', 'The channel endpoint'),
    async run(cx) {
      const outcome = await def.run(cx);
      if (outcome.status !== 'fail' || !outcome.hint) return outcome;
      const hint = outcome.hint.replace(/\(and the «Выполнить вебхук» URL in both rules\)/, '(and the channel’s Webhook URL, «Кастомные каналы»)');
      return { ...outcome, hint };
    },
  };
}

export const checks: RecipeChecks = {
  checks(input: IntegrationInput): CheckDef<VerifyContext>[] {
    const it = input.integration as CustomChannelIntegration;
    const ids = channelCheckIds(it.name);
    const endpoint = channelEndpoint(endpointCheck(input));
    return [
      ...channelChecks(input, channelTarget(it)),
      ...(endpoint ? [endpoint] : []),
      ...customChannelTripChecks(input, [ids.exists, ids.webhook]),
    ];
  },
  proves: () => ['custom-channel'],
};
