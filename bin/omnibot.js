#!/usr/bin/env node
// A shim: check the Node version in syntax every Node can parse, then hand over to the build.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  process.stderr.write(`omnibot needs Node.js 20.19 or newer; this is ${process.versions.node}.\n`);
  process.exit(2);
}
import('../dist/cli.js').then((cli) => cli.run(process.argv)).catch((err) => {
  if (err && err.code === 'ERR_MODULE_NOT_FOUND' && String(err.message).includes('dist/cli.js')) {
    process.stderr.write('omnibot is not built yet: run `npm install` (or `npm run build`) in the omnibot folder.\n');
    process.exit(2);
  }
  throw err;
});
