/**
 * `main(argv, runtime)`: builds the program, runs one command and returns its exit code. It
 * touches no process global: `bin/omnibot.js` passes the process's streams, env, folder and a
 * signal its SIGINT/SIGTERM handlers abort; tests pass their own. Command definitions are cheap
 * (commander only); handlers, zod, undici, chalk and prompts load when a command runs.
 */
import { Command, CommanderError } from 'commander';
import { registerCommands } from './commands/registry.js';
import { bindInvocation, type Invocation } from './commands/lazy-action.js';
import type { Runtime } from './kit/context.js';
import { didYouMean } from './core/did-you-mean.js';
import { EXIT } from './core/errors.js';
import { VERSION } from './core/version.js';

export type { Runtime } from './commands/context.js';
export type { ParsedCall } from './commands/lazy-action.js';

export interface MainOptions extends Runtime {
  /** Runs instead of every command's handler and returns its exit code (tests: what was parsed). */
  intercept?: Invocation['intercept'];
}

const USAGE_HINT = '(run with --help for usage)';

/** Commander lists the allowed choices of a flag; a near miss also gets its "did you mean". */
function withSuggestion(message: string): string {
  const m = /argument '([^']*)' is invalid\. Allowed choices are (.+)\.\n?$/.exec(message);
  if (!m) return message;
  const hint = didYouMean(m[1]!, m[2]!.split(', '));
  return hint ? message.replace(/\.\n?$/, `.${hint}\n`) : message;
}

/** `argv` (the user's arguments) picks the one command whose full definition is loaded. */
export async function buildProgram(
  argv: string[],
  runtime: Pick<Runtime, 'stdout' | 'stderr' | 'registry'>,
): Promise<Command> {
  const program = new Command('omnibot')
    .description('Connect support bots to Omnidesk and HelpDeskEddy, and prove the connection works.')
    .version(VERSION, '-V, --version', 'print the version')
    .option('-c, --config <file>', 'config file (default: searched from the current folder)')
    .option('--json', 'print data as JSON on stdout (nothing else goes to stdout)')
    .option('--no-color', 'no colours (NO_COLOR is honoured too)')
    .option('-v, --verbose', 'more detail on stderr')
    .option('-q, --quiet', 'only errors on stderr')
    .option('--no-input', 'never prompt; a missing value is an error naming its flag')
    .option('--ignore-ban', 'call a HelpDeskEddy account even while a ban recorded by omnibot is in force')
    .option('--chmod-env', 'make a .env that other users can read private (chmod 600) without asking')
    .addHelpText(
      'after',
      `
Exit codes: 0 ok · 1 a check or operation failed · 2 usage or config error ·
            3 authentication refused · 4 plan --detailed-exitcode: changes pending · 130 cancelled

Start here:
  $ omnibot demo            the whole job, offline, against the built-in sandbox
  $ omnibot init            write a config for your helpdesk and bot
  $ omnibot verify --e2e    prove the setup works end to end
`,
    );
  await registerCommands(program, argv, runtime.registry?.integrations);
  // Every command, however deep, throws instead of exiting and writes to the runtime's streams.
  const output = {
    writeOut: (s: string) => void runtime.stdout.write(s),
    writeErr: (s: string) => void runtime.stderr.write(s),
    outputError: (s: string, write: (s: string) => void) => write(withSuggestion(s)),
    // Commander would ask process.stdout; help wraps to the runtime's terminal, or 80 columns.
    getOutHelpWidth: () => (runtime.stdout.isTTY ? runtime.stdout.columns : undefined) ?? 80,
    getErrHelpWidth: () => (runtime.stderr.isTTY ? runtime.stderr.columns : undefined) ?? 80,
    getOutHasColors: () => false,
    getErrHasColors: () => false,
  };
  const strict = (cmd: Command): void => {
    cmd.exitOverride().showHelpAfterError(USAGE_HINT).configureOutput(output);
    cmd.commands.forEach(strict);
  };
  strict(program);
  return program;
}

export async function main(argv: string[], options: MainOptions): Promise<number> {
  const { intercept, ...runtime } = options;
  const program = await buildProgram(argv, runtime);
  if (argv.length === 0) {
    program.outputHelp({ error: true });
    return EXIT.usage;
  }
  // `omnibot help verfy`: commander would print the general help and exit 0.
  const helpFor = argv[0] === 'help' ? argv[1] : undefined;
  if (helpFor !== undefined && !program.commands.some((c) => c.name() === helpFor)) {
    const hint = didYouMean(
      helpFor,
      program.commands.map((c) => c.name()),
    );
    runtime.stderr.write(`error: unknown command '${helpFor}'${hint}\n${USAGE_HINT}\n`);
    return EXIT.usage;
  }
  const invocation: Invocation = { runtime, exitCode: EXIT.ok, intercept };
  bindInvocation(program, invocation);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return invocation.exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      const asked = err.code === 'commander.helpDisplayed' || err.code === 'commander.version';
      return asked || err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    try {
      const { renderError } = await import('./render-error.js');
      return renderError(err, program.opts(), runtime.stderr);
    } catch (inner) {
      runtime.stderr.write(`omnibot: internal error: ${(inner as Error)?.message ?? String(inner)}\n`);
      return EXIT.failed;
    }
  }
}
