/**
 * The core model: a recipe expands into resources. Each resource reads its actual state where
 * an API exists, creates itself through the API, or describes itself as a manual step with a
 * machine-readable spec (see src/core/manual-step.ts).
 */
import type { Io } from '../core/io/io.js';
import type { State } from '../core/state.js';
import type { ClientSet } from '../helpdesks/clients.js';
import type { HelpdeskKind } from '../helpdesks/registry.js';
import type { BaseIntegration, Config } from './config.js';
import type { Lang, Localized } from '../core/localized.js';
import type { ManualStep } from '../core/manual-step.js';

/** Plan statuses, as DESIGN §4 names them. */
export type ResourceStatus = 'ok' | 'create' | 'manual' | 'note' | 'unknown';

export interface ReadResult {
  status: ResourceStatus;
  /** One line for people: what was found, or what is wrong. */
  detail: string;
  /** The helpdesk's id, when the object exists. */
  id?: string;
  /** Facts read from the API, for --json and for later checks (never secrets). */
  actual?: Record<string, unknown>;
}

export interface CreateResult {
  id: string;
  detail: string;
  data?: Record<string, unknown>;
}

/** Everything a resource may use. Clients are created lazily: `steps` needs no network. */
export interface ResourceContext {
  config: Config;
  integration: BaseIntegration;
  lang: Lang;
  io: Io;
  state: State;
  signal: AbortSignal;
  /** `clients.get('omnidesk')` is the Omnidesk client, built on first use. */
  clients: ClientSet;
}

export interface Resource {
  /** Stable within the integration: `label`, `agent`, `incoming-rule`. State keys use it. */
  id: string;
  /** What kind of object, e.g. `omnidesk.label`, `omnidesk.rule`. */
  kind: string;
  title: Localized;
  /**
   * api: omnibot creates it; check: it must exist, omnibot only reads it; manual: a person does it
   * and confirms it; advice: a person reads it, and nothing (no API, no round trip) could ever
   * confirm it, so it is shown as a `note` and never keeps a plan pending.
   */
  mode: 'api' | 'check' | 'manual' | 'advice';
  read?(rc: ResourceContext): Promise<ReadResult>;
  create?(rc: ResourceContext): Promise<CreateResult>;
  describe?(rc: Pick<ResourceContext, 'config' | 'integration' | 'lang'>): ManualStep;
}

/** What generic code knows of a recipe besides its resources: its name, helpdesk and words. */
export interface RecipeInfo {
  name: string;
  helpdesk: HelpdeskKind;
  title: Localized;
  /** The article the recipe is built from. */
  seed: string;
  /** Event names of the catalog that the bot endpoint must answer (verify sends each). */
  sampleEvents: readonly string[];
}

/** A configured integration with its recipe loaded: what plan, steps and verify expand. */
export interface ExpandableRecipe {
  integration: BaseIntegration;
  recipe: RecipeInfo;
  resources(config: Config): Resource[];
}

/** Loads the recipe of a configured integration (the registry's `bind`). */
export type RecipeBinder = (integration: BaseIntegration) => Promise<ExpandableRecipe>;
