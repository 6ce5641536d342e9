/**
 * verify for `helpdeskeddy-bot`: the readable resources (bot token, agent), the bot
 * endpoint with both dispatcher events, and the round trip. A passing round trip proves the
 * dispatcher rule; the other manual steps (channels, the support request, visibility) are
 * settings no API or webhook reveals, so they stay for a person to confirm.
 */
import type { CheckDef } from '../../verify/check.js';
import type { IntegrationInput, RecipeChecks, VerifyContext } from '../../verify/context.js';
import type { HelpdeskeddyBotIntegration } from './schema.js';
import { helpdeskeddyTripChecks } from './round-trip.js';
import { endpointCheck, HDE_BOT_WORDING } from '../../verify/checks/endpoint.js';
import { resourceChecks } from '../../verify/checks/resources.js';

export const checks: RecipeChecks<HelpdeskeddyBotIntegration> = {
  checks(input: IntegrationInput<HelpdeskeddyBotIntegration>): CheckDef<VerifyContext>[] {
    const endpoint = endpointCheck(input, HDE_BOT_WORDING);
    const resources = resourceChecks(input);
    const agent = resources.find((d) => d.id === `${input.integration.name}/agent`);
    return [
      ...resources,
      ...(endpoint ? [endpoint] : []),
      ...helpdeskeddyTripChecks(input, { endpoint: endpoint?.id, agent: agent?.id }),
    ];
  },
  proves: () => ['dispatcher-rule'],
};
