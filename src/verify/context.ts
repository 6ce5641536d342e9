/**
 * What every verify check receives: the loaded config, the clients, the timeout, the run's tag
 * and timeline, and a place for facts one check finds and a later one needs (the label's id,
 * the test case). Clients are deliberately not bound to the Ctrl-C signal: clean-up must still
 * reach the helpdesk after the user pressed it.
 */
import type { Lang } from '../core/localized.js';
import type { Io } from '../core/io/io.js';
import type { State } from '../core/state.js';
import type { ClientSet } from '../helpdesks/clients.js';
import type { BaseIntegration, Config, LoadedConfig } from '../model/config.js';
import type { RecipeInfo, Resource } from '../model/resource.js';
import type { StepEntry } from '../steps/collect.js';
import type { CheckDef, StepRef } from './check.js';
import type { Timeline } from './timeline.js';

export interface VerifyContext {
  io: Io;
  env: NodeJS.ProcessEnv;
  signal: AbortSignal;
  loaded: LoadedConfig;
  config: Config;
  /** The state file as it was when verify started. */
  state: State;
  /** Not bound to the Ctrl-C signal (see above). */
  clients: ClientSet;
  /** How long to wait for each answer: a bot response, and each hop of the round trip. */
  timeoutMs: number;
  /** Tags the round trip's test case: `[omnibot-e2e <runId>]`. */
  runId: string;
  timeline: Timeline;
  /** Facts shared between checks, keyed `<integration>/<name>`. */
  facts: Map<string, unknown>;
  /** Clean-ups still owed (test cases not yet trashed), run on exit if a check could not. */
  pendingCleanup: Map<string, () => Promise<void>>;
  now(): Date;
}

/** One integration, as a recipe's check module sees it; `I` is the recipe's own integration type. */
export interface IntegrationInput<I extends BaseIntegration = BaseIntegration> {
  integration: I;
  recipe: RecipeInfo;
  /** The recipe's resources for this integration (empty if the recipe cannot expand it). */
  resources: Resource[];
  /** Its steps as `omnibot steps` numbers them, for failure hints. */
  steps: StepEntry[];
  config: Config;
  /** The account-wide credentials check this integration depends on. */
  credentialsCheck: string;
  /** The language of step titles in hints (`verify --lang`), as `omnibot steps` prints them. */
  lang?: Lang;
}

/**
 * A recipe's contribution to verify. `checks` lists them in run order; `proves` names the
 * manual resources a fully passing round trip demonstrates (marked confirmed in the state file).
 */
export interface RecipeChecks<I extends BaseIntegration = BaseIntegration> {
  checks(input: IntegrationInput<I>): CheckDef<VerifyContext>[];
  proves?(input: IntegrationInput<I>): string[];
}

/** The step of `omnibot steps` for a resource, for hints; a plain reference if it has none. */
export function stepRef(input: Pick<IntegrationInput, 'steps' | 'resources' | 'lang'>, resourceId: string): StepRef {
  const step = input.steps.find((s) => s.id === resourceId);
  const lang = input.lang ?? 'en';
  if (step) return { id: resourceId, number: step.number, title: step.title[lang] };
  const resource = input.resources.find((r) => r.id === resourceId);
  return { id: resourceId, title: resource?.title[lang] ?? resourceId };
}

export function factKey(integration: string, name: string): string {
  return `${integration}/${name}`;
}
