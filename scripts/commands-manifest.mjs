// Writes dist/commands-manifest.json: each command's name, help term and description, taken
// from the built definitions, so that `omnibot --help` lists every command without loading any.
import { writeFileSync } from 'node:fs';

const { manifestOf, MANIFEST_FILE } = await import('../dist/commands/registry.js');
const entries = await manifestOf();
writeFileSync(new URL(`../dist/${MANIFEST_FILE}`, import.meta.url), JSON.stringify(entries, null, 2) + '\n');
