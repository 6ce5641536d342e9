// npm 11 warns on a global install of any package whose manifest has a `prepare` script, though
// a tarball is never prepared. `prepare` exists for git clones only, so the packed manifest
// leaves it out: `--strip` (prepack) saves package.json aside and drops it, `--restore`
// (postpack) puts the original back. A pack that dies in between is repaired by the next strip.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

const manifest = new URL('../package.json', import.meta.url);
const saved = new URL('../.package.json.prepack', import.meta.url);

if (process.argv.includes('--restore')) {
  if (existsSync(saved)) renameSync(saved, manifest);
} else {
  if (existsSync(saved)) renameSync(saved, manifest);
  const text = readFileSync(manifest, 'utf8');
  writeFileSync(saved, text);
  const pkg = JSON.parse(text);
  delete pkg.scripts.prepare;
  writeFileSync(manifest, `${JSON.stringify(pkg, null, 2)}\n`);
}
