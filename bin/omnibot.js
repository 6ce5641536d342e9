#!/usr/bin/env node
// A shim: check the Node version in syntax every Node can parse, then hand over to the build.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  process.stderr.write(`omnibot needs Node.js 20.19 or newer; this is ${process.versions.node}.\n`);
  process.exit(2);
}
// `omnibot --version` alone needs neither commander nor any command: answer it from one tiny module.
const args = process.argv.slice(2);
const versionOnly = args.length === 1 && (args[0] === '--version' || args[0] === '-V');
const started = versionOnly
  ? import('../dist/version.js').then((v) => void process.stdout.write(`${v.VERSION}\n`))
  : import('../dist/cli.js').then((cli) => cli.run(process.argv));
started.catch((err) => {
  if (err && err.code === 'ERR_MODULE_NOT_FOUND' && /dist\/(cli|version)\.js/.test(String(err.message))) {
    process.stderr.write('omnibot is not built yet: run `npm install` (or `npm run build`) in the omnibot folder.\n');
    process.exit(2);
  }
  throw err;
});
