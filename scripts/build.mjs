// Builds dist/ from a clean slate, so a file moved or deleted in src/ never lingers in the
// package. `prepack` runs it for the tarball; `prepare` runs it for a git clone's `npm install`.
import { rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
// `npm pack` runs both prepare and prepack; building twice would only cost time.
if (process.argv.includes('--prepare') && ['pack', 'publish'].includes(process.env.npm_command ?? '')) process.exit(0);
rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
execFileSync(process.execPath, [fileURLToPath(new URL('./commands-manifest.mjs', import.meta.url))], {
  cwd: root,
  stdio: 'inherit',
});
