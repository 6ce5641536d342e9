/**
 * Builds the program and is the only place that sets the exit code. Command definitions are
 * cheap (commander only); handlers, zod, undici, chalk and prompts load when a command runs.
 */
import { Command, CommanderError } from 'commander';
import { registerCommands } from './commands/registry.js';
import { outcome } from './commands/lazy-action.js';
import { EXIT } from './core/errors.js';
import { interrupt } from './core/interrupt.js';
import { VERSION } from './version.js';

/** `argv` picks the one command whose full definition is loaded (see commands/registry.ts). */
export async function buildProgram(argv: string[] = []): Promise<Command> {
  const program = new Command('omnibot')
    .description('Connect support bots to Omnidesk and HelpDeskEddy, and prove the connection works.')
    .version(VERSION, '-V, --version', 'print the version')
    .option('-c, --config <file>', 'config file (default: searched from the current folder)')
    .option('--json', 'print data as JSON on stdout (nothing else goes to stdout)')
    .option('--no-color', 'no colours (NO_COLOR is honoured too)')
    .option('-v, --verbose', 'more detail on stderr')
    .option('-q, --quiet', 'only errors on stderr')
    .option('--no-input', 'never prompt; a missing value is an error naming its flag')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ outputError: (str, write) => write(str) })
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
  // Every subcommand inherits the strict, non-exiting behaviour.
  await registerCommands(program, argv);
  for (const cmd of program.commands) cmd.exitOverride().showHelpAfterError('(run with --help for usage)');
  return program;
}

function installSignalHandlers(abort: () => void): void {
  let count = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    count += 1;
    if (count > 1) process.exit(EXIT.cancelled);
    abort();
    // A command that ignores the signal still ends: a second signal or 10 s forces the exit.
    setTimeout(() => process.exit(signal === 'SIGINT' ? EXIT.cancelled : EXIT.failed), 10_000).unref();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

export async function main(argv: string[]): Promise<number> {
  const program = await buildProgram(argv);
  if (argv.length <= 2) {
    program.outputHelp({ error: true });
    return EXIT.usage;
  }
  installSignalHandlers(() => interrupt.abort());
  try {
    await program.parseAsync(argv);
    return outcome.exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.exitCode === 0) return EXIT.ok;
      return EXIT.usage;
    }
    const { renderError } = await import('./render-error.js');
    return renderError(err, program.opts());
  }
}

/** Entry point used by `bin/omnibot.js`. */
export async function run(argv: string[] = process.argv): Promise<void> {
  // `omnibot steps | head` closes the pipe early: the reader's choice, not a crash with a stack.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
    process.exit(process.exitCode ?? 0);
  });
  try {
    process.exitCode = await main(argv);
  } catch (err) {
    process.stderr.write(`omnibot: internal error: ${(err as Error)?.stack ?? String(err)}\n`);
    process.exitCode = EXIT.failed;
  }
}
