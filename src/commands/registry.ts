/**
 * Every command omnibot has, and how `--help` lists them without loading them. `omnibot --help`
 * needs only each command's name, term and one-line description; `npm run build` writes those
 * to dist/commands-manifest.json from the real definitions (scripts/build.mjs), so the module
 * with the full commander definition is imported only for the command that runs (or whose help
 * is asked). Loading all definitions costs about 12 ms of start-up, a fifth of bare Node's.
 * Without the manifest (the sources run by tests), the definitions themselves give the list.
 */
import { readFileSync } from 'node:fs';
import { Command, Help } from 'commander';
import type { IntegrationCommand } from '../kit/integration.js';
import type { AnyIntegration } from '../kit/registry.js';

export interface CommandEntry {
  name: string;
  /** `integrations`: the ones this run knows (init's recipe flags, token's targets, their commands). */
  load(integrations: readonly AnyIntegration[]): Promise<Command>;
}

/** One line of `--help`'s command list. */
export interface ManifestEntry {
  name: string;
  /** As `--help` lists it, e.g. `send [options] <event>`. */
  term: string;
  description: string;
}

/** omnibot's own commands; `commandEntries()` adds the integrations' ones. */
export const COMMANDS: CommandEntry[] = [
  { name: 'init', load: async (integrations) => (await import('./init/index.js')).initCommand(integrations) },
  { name: 'plan', load: async () => (await import('./plan/index.js')).planCommand() },
  { name: 'apply', load: async () => (await import('./apply/index.js')).applyCommand() },
  { name: 'steps', load: async () => (await import('./steps/index.js')).stepsCommand() },
  { name: 'verify', load: async () => (await import('./verify/index.js')).verifyCommand() },
  { name: 'events', load: async () => (await import('./events/index.js')).eventsCommand() },
  { name: 'send', load: async () => (await import('./send/index.js')).sendCommand() },
  { name: 'listen', load: async () => (await import('./listen/index.js')).listenCommand() },
  { name: 'tail', load: async () => (await import('./tail/index.js')).tailCommand() },
  { name: 'inspect', load: async () => (await import('./inspect/index.js')).inspectCommand() },
  { name: 'replay', load: async () => (await import('./replay/index.js')).replayCommand() },
  { name: 'capture', load: async () => (await import('./capture/index.js')).captureCommand() },
  { name: 'sandbox', load: async () => (await import('./sandbox/index.js')).sandboxCommand() },
  { name: 'demo', load: async () => (await import('./demo/index.js')).demoCommand() },
  { name: 'token', load: async (integrations) => (await import('./token/index.js')).tokenCommand(integrations) },
  { name: 'schema', load: async () => (await import('./schema/index.js')).schemaCommand() },
  { name: 'completion', load: async () => (await import('./completion/index.js')).completionCommand() },
];

/** cli.ts makes only top-level commands throw instead of exiting; nested ones need it too. */
function strict(cmd: Command): Command {
  for (const sub of cmd.commands) {
    sub.exitOverride().showHelpAfterError('(run with --help for usage)');
    strict(sub);
  }
  return cmd;
}

/** An integration's command, lent the commands layer's helpers, with its secret alias when it has one. */
function integrationEntry(def: AnyIntegration, c: IntegrationCommand): CommandEntry {
  return {
    name: c.name,
    async load() {
      const [{ command }, { examples, lazyAction }] = await Promise.all([c.load(), import('./lazy-action.js')]);
      const cmd = command({ action: lazyAction, examples });
      if (def.secret?.alias) cmd.addCommand((await import('./token/alias.js')).secretAlias(def.name, def.secret));
      return strict(cmd);
    },
  };
}

/**
 * Every command: omnibot's own, then those the integrations bring (`omnibot chaport
 * status-map`), in registry order. Async so that `--help`, which reads the manifest, never
 * loads the integration definitions.
 */
export async function commandEntries(integrations?: readonly AnyIntegration[]): Promise<CommandEntry[]> {
  const list = integrations ?? (await builtins());
  return [...COMMANDS, ...list.flatMap((def) => (def.commands ?? []).map((c) => integrationEntry(def, c)))];
}

async function builtins(): Promise<readonly AnyIntegration[]> {
  return (await import('../integrations/registry.js')).INTEGRATIONS;
}

/** Global options that take a value: their value is not the command name. */
const GLOBAL_WITH_VALUE = new Set(['-c', '--config']);

/** The command argv will run: the first operand, or the one after `help`. */
export function commandName(args: string[]): string | undefined {
  const operands: string[] = [];
  for (let i = 0; i < args.length && operands.length < 2; i++) {
    const arg = args[i]!;
    if (arg === '--') break;
    if (GLOBAL_WITH_VALUE.has(arg)) i += 1;
    else if (!arg.startsWith('-')) operands.push(arg);
  }
  return operands[0] === 'help' ? operands[1] : operands[0];
}

const stubTerms = new WeakMap<Command, string>();

/** The manifest entries of real definitions: what the build writes, and the fallback. */
export async function manifestOf(integrations?: readonly AnyIntegration[]): Promise<ManifestEntry[]> {
  const help = new Command().createHelp();
  const list = integrations ?? (await builtins());
  const commands = await commandEntries(list);
  return Promise.all(
    commands.map(async (entry) => {
      const real = await entry.load(list);
      return { name: real.name(), term: help.subcommandTerm(real), description: help.subcommandDescription(real) };
    }),
  );
}

export const MANIFEST_FILE = 'commands-manifest.json';

let derived: Promise<ManifestEntry[]> | undefined;

/** The built manifest, or (running from the sources) the same list derived from the definitions. */
function manifest(): Promise<ManifestEntry[]> | ManifestEntry[] {
  try {
    return JSON.parse(readFileSync(new URL(`../${MANIFEST_FILE}`, import.meta.url), 'utf8')) as ManifestEntry[];
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    derived ??= manifestOf();
    return derived;
  }
}

function stub(entry: ManifestEntry): Command {
  // Never run: argv names another command, or none. It exists for the help list and for
  // commander's "did you mean" suggestions.
  const cmd = new Command(entry.name).description(entry.description).allowUnknownOption().allowExcessArguments();
  stubTerms.set(cmd, entry.term);
  return cmd;
}

/** The entry of one command: omnibot's own without loading the integrations, else theirs. */
async function entryOf(name: string, integrations?: readonly AnyIntegration[]): Promise<CommandEntry | undefined> {
  return COMMANDS.find((c) => c.name === name) ?? (await commandEntries(integrations)).find((c) => c.name === name);
}

/**
 * `integrations`: a run's own list (a test's registry with an extra recipe); the manifest is
 * then derived from it, since the built one lists the built-in integrations only.
 */
export async function registerCommands(
  program: Command,
  argv: string[],
  integrations?: readonly AnyIntegration[],
): Promise<void> {
  const wanted = commandName(argv);
  const listing = integrations ? await manifestOf(integrations) : await manifest();
  // The listing has every command (built, or derived from the definitions); only the wanted one loads.
  for (const listed of listing) {
    const entry = listed.name === wanted ? await entryOf(listed.name, integrations) : undefined;
    program.addCommand(entry ? await entry.load(integrations ?? (await builtins())) : stub(listed));
  }
  program.configureHelp({
    subcommandTerm(this: Help, cmd: Command): string {
      return stubTerms.get(cmd) ?? Help.prototype.subcommandTerm.call(this, cmd);
    },
  });
}
