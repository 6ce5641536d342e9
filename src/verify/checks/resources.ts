/**
 * One check per API-readable resource of a recipe, from the same `Resource.read` that `plan`
 * uses, so verify and plan can never disagree about what exists. `ok` passes; anything else
 * fails with the resource's own words and the step that makes it right.
 */
import type { ReadResult, Resource, ResourceContext } from '../../model/resource.js';
import { fail, pass, type CheckDef } from '../check.js';
import { factKey, stepRef, type IntegrationInput, type VerifyContext } from '../context.js';

/** Facts a resource check leaves for later checks: `<integration>/resource:<id>` → ReadResult. */
function resourceFact(integration: string, resource: string): string {
  return factKey(integration, `resource:${resource}`);
}

/** The helpdesk's id of a resource its check found (the round trip needs the label's, the agent's). */
export function resourceId(cx: VerifyContext, integration: string, resource: string): string | undefined {
  return (cx.facts.get(resourceFact(integration, resource)) as ReadResult | undefined)?.id;
}

export function resourceContext(cx: VerifyContext, input: IntegrationInput): ResourceContext {
  return {
    config: cx.config,
    integration: input.integration,
    lang: 'en',
    io: cx.io,
    state: cx.state,
    signal: cx.signal,
    clients: cx.clients,
  };
}

/** Credentials resources duplicate the account-wide credentials check. */
function readable(resource: Resource): boolean {
  return Boolean(resource.read) && resource.mode !== 'manual' && !resource.kind.endsWith('.credentials');
}

export function resourceCheckId(input: IntegrationInput, resource: Resource): string {
  return `${input.integration.name}/${resource.id}`;
}

export function resourceChecks(input: IntegrationInput): CheckDef<VerifyContext>[] {
  const name = input.integration.name;
  return input.resources.filter(readable).map((resource) => ({
    id: resourceCheckId(input, resource),
    title: resource.title.en,
    integration: name,
    needs: [input.credentialsCheck],
    async run(cx) {
      const result = await resource.read!(resourceContext(cx, input));
      cx.facts.set(resourceFact(name, resource.id), result);
      if (result.status === 'ok') return pass(result.detail, result.id ? { id: result.id } : undefined);
      const step = input.steps.some((s) => s.id === resource.id) ? stepRef(input, resource.id) : undefined;
      if (result.status === 'create') {
        return fail(result.detail, {
          cause: 'omnibot apply has not run since the config changed, or the object was deleted',
          hint: 'Run `omnibot apply`.',
          step,
        });
      }
      return fail(result.detail, {
        cause:
          resource.mode === 'check'
            ? 'the helpdesk does not have what the config names'
            : 'the helpdesk does not match the config',
        step,
      });
    },
  }));
}
