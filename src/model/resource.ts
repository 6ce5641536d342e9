/**
 * The core model: a recipe expands into resources. Each resource reads its actual state where
 * an API exists, creates itself through the API, or describes itself as a manual step with a
 * machine-readable spec (see specs.ts).
 */
import type { Config, Integration } from '../config/schema.js';
import type { State } from '../config/state.js';
import type { Io } from '../core/io/io.js';
import type { OmnideskApi } from '../helpdesks/omnidesk/client/types.js';
import type { Lang, Localized } from './localized.js';
import type { ManualSpec } from './specs.js';

/** Plan statuses, as DESIGN §4 names them. */
export type ResourceStatus = 'ok' | 'create' | 'manual' | 'unknown';

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

/** One line of a manual step; `value` is the exact text to paste or pick, shown verbatim. */
export interface Instruction {
  text: Localized;
  value?: string;
  /** A multi-line block to paste (a JSON body template), shown verbatim in a code block. */
  block?: string;
  /** Nesting under the instruction above (1: a condition of a block or an action, 2: a field of that action); rendered indented. */
  depth?: number;
}

export interface ManualStep {
  /** The resource id, e.g. `incoming-rule`; `steps` numbers them in recipe order. */
  id: string;
  title: Localized;
  /** The admin page where the step is done, built from the account URL. */
  page?: string;
  /** Where in the UI, e.g. «аккаунт администратора → «Каналы» → «Правила» → вкладка «входящие обращения»». */
  path?: Localized;
  instructions: Instruction[];
  /** Why the step matters (loop guard, silent failure modes). */
  why?: Localized;
  spec: ManualSpec;
}

/** Everything a resource may use. Clients are created lazily: `steps` needs no network. */
export interface ResourceContext {
  config: Config;
  integration: Integration;
  lang: Lang;
  io: Io;
  state: State;
  signal: AbortSignal;
  omnidesk(): Promise<OmnideskApi>;
  /** Typed by the HelpDeskEddy client module; `unknown` here keeps the model free of it. */
  helpdeskeddy(): Promise<unknown>;
}

export interface Resource {
  /** Stable within the integration: `label`, `agent`, `incoming-rule`. State keys use it. */
  id: string;
  /** What kind of object, e.g. `omnidesk.label`, `omnidesk.rule`. */
  kind: string;
  title: Localized;
  /** api: omnibot creates it; check: it must exist, omnibot only reads it; manual: a person does it. */
  mode: 'api' | 'check' | 'manual';
  read?(rc: ResourceContext): Promise<ReadResult>;
  create?(rc: ResourceContext): Promise<CreateResult>;
  describe?(rc: Pick<ResourceContext, 'config' | 'integration' | 'lang'>): ManualStep;
}

export interface Recipe {
  name: Integration['recipe'];
  helpdesk: 'omnidesk' | 'helpdeskeddy';
  title: Localized;
  /** The seed article the recipe is built from. */
  seed: string;
  resources(integration: Integration, config: Config): Resource[];
  /** Event names of the catalog that the bot endpoint must answer (verify sends each). */
  sampleEvents: string[];
}
