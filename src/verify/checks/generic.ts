/**
 * verify for a recipe without a round trip of its own: every API-readable resource and, when
 * the integration has a webhook URL and the recipe sample events, the bot endpoint. A recipe
 * adds its own module in `registry.ts` when it can prove more.
 */
import type { RecipeChecks } from '../context.js';
import { endpointCheck } from './endpoint.js';
import { resourceChecks } from './resources.js';

export const checks: RecipeChecks = {
  checks(input) {
    const endpoint = endpointCheck(input);
    return [...resourceChecks(input), ...(endpoint ? [endpoint] : [])];
  },
};
