/**
 * verify for `omnidesk-bot`: the readable resources (label, agent, the bot option),
 * the bot endpoint with both rule webhooks, and the round trip. A passing round trip proves
 * every manual step of the recipe: the two rules fired and the bot behaved as configured.
 */
import type { CheckDef } from '../../verify/check.js';
import type { IntegrationInput, RecipeChecks, VerifyContext } from '../../verify/context.js';
import type { OmnideskBotIntegration } from './schema.js';
import { omnideskTripChecks } from './round-trip.js';
import { endpointCheck } from '../../verify/checks/endpoint.js';
import { resourceChecks } from '../../verify/checks/resources.js';

export const checks: RecipeChecks<OmnideskBotIntegration> = {
  checks(input: IntegrationInput<OmnideskBotIntegration>): CheckDef<VerifyContext>[] {
    const name = input.integration.name;
    const endpoint = endpointCheck(input);
    const defs = [...resourceChecks(input), ...(endpoint ? [endpoint] : [])];
    const trip = omnideskTripChecks(input, { label: `${name}/label`, agent: `${name}/agent`, endpoint: endpoint?.id });
    return [...defs, ...trip];
  },
  proves(input) {
    return input.resources.filter((r) => r.mode === 'manual' && r.describe).map((r) => r.id);
  },
};
