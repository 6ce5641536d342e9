#!/usr/bin/env node
// The process side of omnibot: check the Node version in syntax every Node can parse, then run
// dist/cli.js main() with this process's streams, env and folder, and a signal that the first
// SIGINT/SIGTERM aborts. main() returns the exit code; only this file touches the process.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  process.stderr.write(`omnibot needs Node.js 20.19 or newer; this is ${process.versions.node}.\n`);
  process.exit(2);
}
const EXIT_FAILED = 1;
const EXIT_CANCELLED = 130;

// Long-running commands stop gracefully when the signal aborts; one that ignores it still ends:
// a second signal, or 10 s after the first, forces the exit.
function onSignals(controller) {
  let count = 0;
  const onSignal = (signal) => {
    count += 1;
    if (count > 1) process.exit(EXIT_CANCELLED);
    controller.abort();
    setTimeout(() => process.exit(signal === 'SIGINT' ? EXIT_CANCELLED : EXIT_FAILED), 10_000).unref();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

async function run(cli, args) {
  // `omnibot steps | head` closes the pipe early: the reader's choice, not a crash with a stack.
  process.stdout.on('error', (err) => {
    if (err.code !== 'EPIPE') throw err;
    process.exit(process.exitCode ?? 0);
  });
  const controller = new AbortController();
  onSignals(controller);
  const { stdout, stderr, stdin, env } = process;
  const runtime = { stdout, stderr, stdin, env, cwd: process.cwd(), signal: controller.signal };
  process.exitCode = await cli.main(args, runtime);
}

// `omnibot --version` alone needs neither commander nor any command: answer it from one tiny module.
const args = process.argv.slice(2);
const versionOnly = args.length === 1 && (args[0] === '--version' || args[0] === '-V');
const started = versionOnly
  ? import('../dist/core/version.js').then((v) => void process.stdout.write(`${v.VERSION}\n`))
  : import('../dist/cli.js').then((cli) => run(cli, args));
started.catch((err) => {
  if (err && err.code === 'ERR_MODULE_NOT_FOUND' && /dist\/(cli|core\/version)\.js/.test(String(err.message))) {
    process.stderr.write('omnibot is not built yet: run `npm install` (or `npm run build`) in the omnibot folder.\n');
    process.exit(2);
  }
  process.stderr.write(`omnibot: internal error: ${(err && err.stack) || String(err)}\n`);
  process.exitCode = EXIT_FAILED;
});
