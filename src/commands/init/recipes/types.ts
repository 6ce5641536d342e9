/**
 * What each recipe's part of the wizard provides: the flags it cannot do without when nobody
 * can be asked, and its questions, asked after the connection is proved so they can offer what
 * the helpdesk has (staff, labels).
 */
import type { RecipeName } from '../../../config/schema.js';
import type { HelpdeskKind } from '../../../config/urls.js';
import type { Context } from '../../../context.js';
import type { Prompter } from '../../../core/io/prompter.js';
import type { InitOptions } from '../action.js';
import type { Connection } from '../connect.js';
import type { Live } from '../live.js';

/** A secret init makes (through `omnibot token generate`'s code) and the config reads as `${envVar}`. */
export interface GeneratedSecret {
  envVar: string;
  /** For messages: "a new bot token". */
  what: string;
}

export interface RecipeContext {
  p: Prompter;
  options: InitOptions;
  ctx: Context;
  conn: Connection;
  live: Live;
}

export type NextStep = [command: string, why: string];

export interface RecipeAnswers {
  /** The integration without its name (asked last, with this default). */
  integration: Record<string, unknown>;
  defaultName: string;
  secret?: GeneratedSecret;
  /** Extra facts for `--json` (agent, label, …). */
  summary: Record<string, unknown>;
  next: (name: string) => NextStep[];
}

export interface InitRecipe {
  name: RecipeName;
  helpdesk: HelpdeskKind;
  /** One line for the recipe question. */
  choice: string;
  /** Flags this recipe needs when there is no terminal to ask (the connection's come on top). */
  required: Array<[keyof InitOptions, string]>;
  ask(rc: RecipeContext): Promise<RecipeAnswers>;
}
