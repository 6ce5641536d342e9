/**
 * What the engine returns. `plan` and `apply` results are plain data: commands render them as
 * a table or print them as one JSON document.
 */
import type { ResourceRecord } from '../core/state.js';
import type { Io } from '../core/io/io.js';
import type { Lang } from '../core/localized.js';
import type { Resource, ResourceStatus } from '../model/resource.js';
import type { StepEntry } from '../steps/collect.js';
import type { ClientOverrides } from '../helpdesks/clients.js';
import type { Registry } from '../kit/registry.js';

export interface EngineContext {
  io: Io;
  signal: AbortSignal;
  /** `.omnibot/state.json` beside the config. */
  stateFile: string;
  lang?: Lang;
  /** Only this integration (the `--integration` flag). */
  integration?: string;
  /** Injected clients (tests, the demo); built lazily from the config otherwise. */
  clients?: ClientOverrides;
  /** The integrations to expand the config with (the context's registry). */
  registry: Registry;
  now?: () => Date;
  /** `--ignore-ban`: call a HelpDeskEddy account despite a recorded ban. */
  ignoreBan?: boolean;
}

export interface PlanItem {
  integration: string;
  recipe: string;
  resource: string;
  kind: string;
  mode: Resource['mode'];
  status: ResourceStatus;
  /** One line for people: what was found, what will happen, or what is wrong. */
  detail: string;
  /** The helpdesk's id, when the object exists. */
  id?: string;
  /** The number of its step in `omnibot steps`, when it has one. */
  step?: number;
  /** How a manual resource counts as done, when it does. */
  confirmedBy?: ResourceRecord['confirmedBy'];
}

export interface PlanSummary {
  ok: number;
  create: number;
  manual: number;
  /** Advice to read; never pending. */
  note: number;
  unknown: number;
}

export interface PlanResult {
  resources: PlanItem[];
  summary: PlanSummary;
  /** True while anything is `create` or an unconfirmed `manual` (`--detailed-exitcode` → 4). */
  pending: boolean;
}

/**
 * What apply did with a resource: `created`/`adopted` an API object, `sandbox` performed a
 * manual step through the sandbox admin path, `confirmed` by the user at the terminal,
 * `pending` left for a person; `would-*` under --dry-run; `none` when nothing was needed.
 */
export type ApplyAction =
  'none' | 'created' | 'adopted' | 'sandbox' | 'confirmed' | 'pending' | 'would-create' | 'would-sandbox';

export interface ApplyItem extends PlanItem {
  action: ApplyAction;
}

export interface ApplySummary {
  created: number;
  adopted: number;
  sandbox: number;
  confirmed: number;
  pending: number;
  unknown: number;
}

export interface ApplyResult {
  dryRun: boolean;
  resources: ApplyItem[];
  summary: ApplySummary;
  /** Manual steps still to do, in `omnibot steps` numbering. */
  steps: StepEntry[];
  pending: boolean;
}

export function summarize(items: PlanItem[]): PlanSummary {
  const summary: PlanSummary = { ok: 0, create: 0, manual: 0, note: 0, unknown: 0 };
  for (const item of items) summary[item.status] += 1;
  return summary;
}
