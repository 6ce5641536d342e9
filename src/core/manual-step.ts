/**
 * A manual step: what a person does in an admin UI, in the UI's own words, with the
 * machine-readable spec of the result. Specs are the helpdesk's business (each helpdesk folder
 * declares the kinds its sandbox can execute); here a spec is anything with a `kind`.
 */
import type { Localized } from './localized.js';

/**
 * The machine-readable result of a manual step, e.g. `omnidesk.rule`; a helpdesk's sandbox may
 * execute it. Each helpdesk's spec interfaces extend this one; the rest of omnibot reads `kind`
 * and hashes the whole object (a confirmation holds for exactly the spec that was confirmed).
 */
export interface ManualSpec {
  kind: string;
  readonly [field: string]: unknown;
}

/** A manual step with no machine effect in a helpdesk (an e-mail to support, a setting in another product). */
export interface NoteSpec extends ManualSpec {
  kind: 'note';
  /** What the sandbox does for it: nothing, it is out of any API's reach. */
  topic: string;
}

/** One line of a manual step; `value` is the exact text to paste or pick, shown verbatim. */
export interface Instruction {
  text: Localized;
  value?: string;
  /** A multi-line block to paste (a JSON body template), shown verbatim in a code block. */
  block?: string;
  /**
   * Nesting under the instruction above (1: a condition of a block or an action, 2: a field of that action); rendered
   * indented.
   */
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
