/**
 * The `manual-steps` check of plain `verify`: what verify could not prove by itself. Each manual
 * step is listed with how it stands, so a green run never hides a step nobody did:
 * - seen through the API (a custom channel the API lists), or proven by a round trip, or
 *   confirmed by a person, or performed on the sandbox, each with its date: fine;
 * - stale (its spec changed since, e.g. after `token rotate`) or revoked (a round trip failed
 *   there): a failure, because the helpdesk no longer matches what was confirmed;
 * - never confirmed: a warning (`--strict` makes it a failure).
 */
import type { State } from '../core/state.js';
import { fail, pass, warn, type CheckDef } from '../verify/check.js';
import type { IntegrationInput, VerifyContext } from '../verify/context.js';
import { confirmation } from './confirmations.js';

export type Standing = 'api' | 'unseen' | 'proven' | 'confirmed' | 'sandbox' | 'stale' | 'revoked' | 'never';

export interface StepStanding {
  step: number;
  id: string;
  title: string;
  standing: Standing;
  at?: string;
}

const WORDS: Record<Standing, string> = {
  api: 'seen through the API',
  unseen: 'not seen through the API (its own check says why)',
  proven: 'proven by a round trip',
  confirmed: 'confirmed by a person',
  sandbox: 'performed on the sandbox',
  stale: 'stale: its step changed since it was confirmed',
  revoked: 'revoked: a round trip failed there',
  never: 'never confirmed',
};

function day(at: string | undefined): string {
  return at ? ` (${at.slice(0, 10)})` : '';
}

function describe(s: StepStanding): string {
  return `step ${s.step} «${s.title}»: ${WORDS[s.standing]}${day(s.at)}`;
}

async function standingOf(input: IntegrationInput, cx: VerifyContext, state: State): Promise<StepStanding[]> {
  const out: StepStanding[] = [];
  for (const resource of input.resources) {
    if (resource.mode !== 'manual') continue;
    const step = input.steps.find((s) => s.id === resource.id);
    if (!step) continue;
    const base = { step: step.number, id: resource.id, title: step.title[input.lang ?? 'en'] };
    if (resource.read) {
      // A step the API can see needs nobody's word: what the helpdesk shows decides.
      const rc = { ...cx, integration: input.integration, lang: 'en' as const, state };
      const read = await resource.read(rc).catch(() => undefined);
      // Either way the API decides, not a record: what it misses, the resource's own check reports.
      out.push({ ...base, standing: read?.status === 'ok' ? 'api' : 'unseen' });
      continue;
    }
    const c = confirmation(state, input.integration.name, resource.id, step.spec);
    if (c.status === 'none') out.push({ ...base, standing: 'never' });
    else if (c.status === 'revoked') out.push({ ...base, standing: 'revoked', ...(c.at ? { at: c.at } : {}) });
    else if (c.status === 'stale') out.push({ ...base, standing: 'stale', ...(c.at ? { at: c.at } : {}) });
    else {
      const standing = c.by === 'verify' ? 'proven' : c.by === 'sandbox' ? 'sandbox' : 'confirmed';
      out.push({ ...base, standing, ...(c.at ? { at: c.at } : {}) });
    }
  }
  return out;
}

/** How to settle the open steps: a person at a terminal, and the round trip for the steps it proves. */
function howToConfirm(open: StepStanding[], provable: readonly string[]): string {
  const proven = open.filter((s) => provable.includes(s.id)).map((s) => `step ${s.step}`);
  const byTrip = proven.length ? `; a passing \`omnibot verify --e2e\` proves ${proven.join(', ')}` : '';
  return `confirm with \`omnibot apply\` at a terminal${byTrip}`;
}

/** `provable`: the resource ids the recipe's round trip proves (RecipeChecks.proves). */
export function manualStepsCheck(
  input: IntegrationInput,
  provable: readonly string[] = [],
): CheckDef<VerifyContext> | undefined {
  if (!input.resources.some((r) => r.mode === 'manual')) return undefined;
  const name = input.integration.name;
  return {
    id: `${name}/manual-steps`,
    title: 'Manual steps: how each one stands',
    integration: name,
    async run(cx) {
      const steps = await standingOf(input, cx, cx.state);
      const details = { steps };
      const broken = steps.filter((s) => s.standing === 'stale' || s.standing === 'revoked');
      const never = steps.filter((s) => s.standing === 'never');
      const all = steps.map(describe).join('; ');
      if (broken.length) {
        const which = broken.length === 1 ? 'that step' : 'those steps';
        const then = howToConfirm(broken, provable);
        return fail(broken.map(describe).join('; '), {
          hint: `Redo ${which} (omnibot steps --integration ${name}), then ${then}. All: ${all}`,
          details,
        });
      }
      if (never.length) {
        return warn(`not proven by this run: ${never.map(describe).join('; ')}`, {
          hint: `To settle: ${howToConfirm(never, provable)}; --strict fails on this. All: ${all}`,
          details,
        });
      }
      // Even when all is well, say that these stand on a record, not on what this run saw.
      const recorded = steps.filter((s) => s.standing !== 'api' && s.standing !== 'unseen');
      const note = recorded.length
        ? `not re-checked by this run (use --e2e): ${recorded.map(describe).join('; ')}`
        : all;
      return pass(note || 'no manual steps', details);
    },
  };
}
