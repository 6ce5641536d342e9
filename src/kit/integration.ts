/**
 * What an integration (a recipe) is: one `defineIntegration({...})` value exported by
 * src/integrations/<name>/index.ts. Everything about the recipe hangs off it: its config keys,
 * helpdesk, resources, verify checks, init questions, secret, extra commands and demo config.
 * The parts that pull in code (resources, checks, questions, commands) are behind `import()`,
 * so reading the definitions costs `--help` nothing.
 */
import type { Command } from 'commander';
import type { z } from 'zod';
import type { Io } from '../core/io/io.js';
import type { Prompter } from '../core/io/prompter.js';
import type { Lang, Localized } from '../core/localized.js';
import type { HelpdeskApi, HelpdeskKind, HelpdeskStaff } from '../helpdesks/registry.js';
import type { BaseIntegration, Config } from '../model/config.js';
import type { Resource } from '../model/resource.js';
import type { RecipeChecks } from '../verify/context.js';
import type { Handler } from './context.js';

/** Building blocks for a recipe's config keys; src/config/schema.ts supplies them. */
export interface SchemaKit {
  z: typeof z;
  /** A webhook URL omnibot hands to a helpdesk: https, or http on loopback. */
  webhookUrl(): z.ZodString;
}

/** A recipe's own config keys (besides `recipe` and `name`, which every integration has). */
export type FieldShape = z.ZodRawShape;

/** The integration type of a recipe, from its name and its keys. */
export type IntegrationOf<N extends string, S extends FieldShape> = { recipe: N; name: string } & z.output<
  z.ZodObject<S>
>;

/** One flag of `omnibot init` a recipe reads. Flags several recipes share are declared by each. */
export interface InitFlag {
  /** As commander takes it: `--label <title>`, `--reply-as-note`. */
  flags: string;
  description: string;
  /** Said for this recipe only after a shared flag's description: "may contain ${HDE_BOT_TOKEN}". */
  note?: string;
  choices?: readonly string[];
  /** Needed when no terminal can ask. */
  required?: boolean;
}

/** A secret init makes (through `omnibot token generate`'s code) and the config reads as `${envVar}`. */
export interface GeneratedSecret {
  envVar: string;
  /** For messages: "a new bot token". */
  what: string;
}

export type NextStep = [command: string, why: string];

export interface InitContext<H extends HelpdeskKind> {
  p: Prompter;
  io: Io;
  /** A recipe flag's value (camelCase key: `webhookUrl`), undefined when not given. */
  flag(key: string): string | undefined;
  /** A boolean flag (`--reply-as-note` / `--no-reply-as-note`), undefined when not given. */
  toggle(key: string): boolean | undefined;
  /** The e-mail of the API user the connection uses. */
  email: string;
  /** The language the wizard speaks (`init --lang`, Russian by default, as the steps are). */
  lang: Lang;
  /** The connection, proven live: its client and staff. */
  live: { api: HelpdeskApi<H>; staff: HelpdeskStaff<H>[]; sandbox: boolean };
}

export interface InitAnswers {
  /** The integration's keys, without `recipe` and `name` (asked last, with `defaultName`). */
  integration: Record<string, unknown>;
  defaultName: string;
  secret?: GeneratedSecret;
  /** Extra facts for `--json` (agent, label, …). */
  summary: Record<string, unknown>;
  next: (name: string) => NextStep[];
}

/** What a recipe gives `omnibot token` and its alias command: the secret it holds. */
export interface SecretDefinition {
  /** The config field that reads the value as `${VAR}`; also the word messages use for it. */
  field: string;
  /** For "Generated the bot token of …". */
  title: string;
  envVar: string;
  /** The integration name when the config has none yet (what `init` would call it). */
  defaultName: string;
  /** Another config field that must carry the same `${VAR}`. */
  alsoIn?: string;
  /** The steps to redo after a rotation, as `omnibot steps` ids, and why each holds the value. */
  redo: Array<{ resource: string; why: string }>;
  /** The same, in one clause, for the hint of a refused `generate`. */
  redoHint: string;
  /** Said once after the steps to redo. */
  afterRotate?: string;
  /** `omnibot <recipe> secret generate|rotate`: the same commands with the recipe preset. */
  alias?: { description: string; generate: string; rotate: string; examples: Array<[string, string]> };
}

/** Helpers the commands layer lends an integration's own commands (so they need not import it). */
export interface CommandKit {
  action(load: () => Promise<{ default: Handler }>): (...args: unknown[]) => Promise<void>;
  examples(lines: Array<[string, string]>): string;
}

/** A top-level command an integration adds (`omnibot chaport status-map`). */
export interface IntegrationCommand {
  name: string;
  /** As `--help` lists it. */
  term: string;
  description: string;
  load(): Promise<{ command(kit: CommandKit): Command }>;
}

/** Where the demo's reference bot listens and how the demo config refers to its token. */
export interface DemoEnv {
  botUrl: string;
  agent: string;
  label: string;
  /** `${VAR}` of a bot token the demo puts in .env. */
  tokenRef: string;
}

export interface RecipeModule<I> {
  resources(integration: I, config: Config): Resource[];
}

export interface IntegrationDefinition<
  N extends string = string,
  I extends BaseIntegration = BaseIntegration,
  H extends HelpdeskKind = HelpdeskKind,
> {
  name: N;
  helpdesk: H;
  title: Localized;
  /** The article the recipe is built from. */
  seed: string;
  /** Event names of the catalog the endpoint must answer (verify sends each). */
  sampleEvents: readonly string[];
  /** The recipe's config keys (a module of their own, so reading the definition loads no zod). */
  schema(): Promise<{ fields(kit: SchemaKit): FieldShape }>;
  /** Config keys whose values are secrets (never literal in a committed file, always redacted). */
  secretKeys?: readonly string[];
  recipe(): Promise<RecipeModule<I>>;
  /** Its own checks; without them verify runs the generic ones (readable resources, endpoint). */
  verify?(): Promise<{ checks: RecipeChecks<I> }>;
  init: {
    /** One line for the recipe question. */
    /** The line the wizard offers the recipe with (one language, or both). */
    choice: string | Localized;
    flags: readonly InitFlag[];
    /** For `omnibot init --help`: [command, what it does]. */
    examples?: ReadonlyArray<[string, string]>;
    questions(): Promise<{ ask(rc: InitContext<H>): Promise<InitAnswers> }>;
  };
  secret?: SecretDefinition;
  commands?: readonly IntegrationCommand[];
  /** The integration the demo configures for this helpdesk (one recipe per helpdesk offers it). */
  demo?(env: DemoEnv): Record<string, unknown>;
}

/** Identity with inference: keeps the literal name and helpdesk, and ties every part to `I`. */
export function defineIntegration<
  const N extends string,
  I extends BaseIntegration & { recipe: N },
  const H extends HelpdeskKind,
>(definition: IntegrationDefinition<N, I, H>): IntegrationDefinition<N, I, H> {
  return definition;
}
