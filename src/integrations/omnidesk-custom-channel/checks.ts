/**
 * verify for `omnidesk-custom-channel`: the channel exists and is active, its Webhook
 * URL and type match the config (three checks), the endpoint answers a message_new sample, and
 * with --e2e the round trip through the channel. A passing round trip proves the manual step.
 */
import type { CustomChannelIntegration } from './schema.js';
import { channelTarget } from './recipe.js';
import type { CheckDef } from '../../verify/check.js';
import { endpointCheck } from '../../verify/checks/endpoint.js';
import type { IntegrationInput, RecipeChecks, VerifyContext } from '../../verify/context.js';
import { channelCheckIds, channelChecks } from './channel-checks.js';
import { customChannelTripChecks } from './round-trip.js';

/** The generic endpoint check speaks of a bot and its rules; here the endpoint is the channel's. */
const CHANNEL_WORDING = { subject: 'The channel endpoint', urlAlsoIn: 'the channel’s Webhook URL, «Кастомные каналы»' };

export const checks: RecipeChecks<CustomChannelIntegration> = {
  checks(input: IntegrationInput<CustomChannelIntegration>): CheckDef<VerifyContext>[] {
    const it = input.integration;
    const ids = channelCheckIds(it.name);
    const endpoint = endpointCheck(input, CHANNEL_WORDING);
    return [
      ...channelChecks(input, channelTarget(it)),
      ...(endpoint ? [endpoint] : []),
      ...customChannelTripChecks(input, [ids.exists, ids.webhook]),
    ];
  },
  proves: () => ['custom-channel'],
};
