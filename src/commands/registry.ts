/**
 * Every command omnibot has. `omnibot --help` needs only each command's name, term and one-line
 * description, so those live here as data (a manifest, as oclif keeps one); the module with the
 * full commander definition is imported only for the command that runs (or whose help is asked).
 * Loading all seventeen definitions cost about 12 ms of start-up, a fifth of bare Node's.
 * test/unit/core/command-registry.test.ts fails when this table drifts from the definitions.
 */
import { Command, Help } from 'commander';

export interface CommandEntry {
  name: string;
  /** As `--help` lists it, e.g. `send [options] <event>`. */
  term: string;
  description: string;
  load(): Promise<Command>;
}

export const COMMANDS: CommandEntry[] = [
  {
    name: 'init',
    term: 'init [options]',
    description: 'interactive wizard: checks your helpdesk credentials live and writes the config',
    load: async () => (await import('./init/index.js')).initCommand(),
  },
  {
    name: 'plan',
    term: 'plan [options]',
    description: 'desired state vs what the helpdesk has: per resource ok, create, manual or unknown',
    load: async () => (await import('./plan/index.js')).planCommand(),
  },
  {
    name: 'apply',
    term: 'apply [options]',
    description: 'create what the API allows (idempotent), then present the manual steps',
    load: async () => (await import('./apply/index.js')).applyCommand(),
  },
  {
    name: 'steps',
    term: 'steps [options]',
    description: 'the manual steps of the configured integrations, as text, markdown or json',
    load: async () => (await import('./steps/index.js')).stepsCommand(),
  },
  {
    name: 'verify',
    term: 'verify [options]',
    description: 'check the setup: config, credentials, resources, the bot endpoint; --e2e runs the full round trip',
    load: async () => (await import('./verify/index.js')).verifyCommand(),
  },
  {
    name: 'events',
    term: 'events',
    description: 'the webhook events omnibot knows, with provenance',
    load: async () => (await import('./events/index.js')).eventsCommand(),
  },
  {
    name: 'send',
    term: 'send [options] <event>',
    description: 'send a sample webhook of an event to a URL (fresh ids and times on every request)',
    load: async () => (await import('./send/index.js')).sendCommand(),
  },
  {
    name: 'listen',
    term: 'listen [options]',
    description: 'local webhook receiver: prints, captures (byte-exact), forwards',
    load: async () => (await import('./listen/index.js')).listenCommand(),
  },
  {
    name: 'tail',
    term: 'tail [options] [file]',
    description: "print a capture file in listen's format (and follow it), or follow a helpdesk case",
    load: async () => (await import('./tail/index.js')).tailCommand(),
  },
  {
    name: 'replay',
    term: 'replay [options] <file>',
    description: 're-send captured webhooks, byte-exact',
    load: async () => (await import('./replay/index.js')).replayCommand(),
  },
  {
    name: 'capture',
    term: 'capture',
    description: 'work with capture files (written by `omnibot listen --capture`)',
    load: async () => (await import('./capture/index.js')).captureCommand(),
  },
  {
    name: 'sandbox',
    term: 'sandbox [options]',
    description: 'local emulator of the Omnidesk and HelpDeskEddy APIs, with their rule engines (and a reference bot)',
    load: async () => (await import('./sandbox/index.js')).sandboxCommand(),
  },
  {
    name: 'demo',
    term: 'demo [options]',
    description: 'the whole job, offline: sandbox + reference bot + apply + verify --e2e, with the timeline',
    load: async () => (await import('./demo/index.js')).demoCommand(),
  },
  {
    name: 'token',
    term: 'token',
    description: "generate and rotate an integration's secret: bot token, BILLmanager secret_key (written to .env; only its fingerprint is kept)",
    load: async () => (await import('./token/index.js')).tokenCommand(),
  },
  {
    name: 'schema',
    term: 'schema',
    description: 'print the JSON Schema of the config file (for editors and validators)',
    load: async () => (await import('./schema/index.js')).schemaCommand(),
  },
  {
    name: 'billmanager',
    term: 'billmanager',
    description: 'BILLmanager integration tools (seed 003)',
    load: async () => (await import('../integrations/billmanager/commands/index.js')).billmanagerCommand(),
  },
  {
    name: 'chaport',
    term: 'chaport',
    description: 'Chaport integration tools (seed 004)',
    load: async () => (await import('../integrations/chaport/commands/index.js')).chaportCommand(),
  },
];

/** Global options that take a value: their value is not the command name. */
const GLOBAL_WITH_VALUE = new Set(['-c', '--config']);

/** The command argv will run: the first operand, or the one after `help`. */
export function commandName(argv: string[]): string | undefined {
  const operands: string[] = [];
  const args = argv.slice(2);
  for (let i = 0; i < args.length && operands.length < 2; i++) {
    const arg = args[i]!;
    if (arg === '--') break;
    if (GLOBAL_WITH_VALUE.has(arg)) i += 1;
    else if (!arg.startsWith('-')) operands.push(arg);
  }
  return operands[0] === 'help' ? operands[1] : operands[0];
}

const stubTerms = new WeakMap<Command, string>();

function stub(entry: CommandEntry): Command {
  // Never run: argv names another command, or none. It exists for the help list and for
  // commander's "did you mean" suggestions.
  const cmd = new Command(entry.name).description(entry.description).allowUnknownOption().allowExcessArguments();
  stubTerms.set(cmd, entry.term);
  return cmd;
}

export async function registerCommands(program: Command, argv: string[]): Promise<void> {
  const wanted = commandName(argv);
  for (const entry of COMMANDS) program.addCommand(entry.name === wanted ? await entry.load() : stub(entry));
  program.configureHelp({
    subcommandTerm(this: Help, cmd: Command): string {
      return stubTerms.get(cmd) ?? Help.prototype.subcommandTerm.call(this, cmd);
    },
  });
}
