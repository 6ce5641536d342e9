/**
 * The registries are the only lists: a recipe's name is written in its own folder (and the
 * registry's import of it), nowhere else in src/; the helpdesk kind union is derived from the
 * helpdesk registry, never written out; and no module registers anything when it is imported.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { HELPDESK_KINDS } from '../../../src/helpdesks/registry.js';
import { INTEGRATIONS } from '../../../src/integrations/registry.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : [];
  });
}

const files = sources(join(ROOT, 'src')).map((path) => ({
  path: relative(ROOT, path).split('\\').join('/'),
  text: readFileSync(path, 'utf8'),
}));

/** The name as a string literal or the start of one (`omnidesk-bot`, "omnidesk-bot: …"). */
function literal(name: string): RegExp {
  return new RegExp(`['"\`]${name.replace(/[-/\\^$*+?.()|[\]{}]/g, '\\$&')}(?=['"\`:])`);
}

describe('the registries are the only lists', () => {
  it('finds every source file (the scan is not vacuous)', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files.some((f) => f.path === 'src/integrations/registry.ts')).toBe(true);
  });

  it.each(INTEGRATIONS.map((d) => d.name))('writes the recipe name %s only in its own folder', (name) => {
    const own = (path: string) => path.startsWith(`src/integrations/${name}/`);
    const offenders = files.filter((f) => !own(f.path) && literal(name).test(f.text)).map((f) => f.path);
    expect(offenders).toEqual([]);
    // …and it is written there: the check would catch a literal elsewhere.
    expect(files.some((f) => own(f.path) && literal(name).test(f.text))).toBe(true);
  });

  it('derives the helpdesk kind union from the helpdesk registry instead of writing it out', () => {
    const [a, b] = HELPDESK_KINDS.map((k) => `'${k}'`);
    const written = new RegExp(`(${a}\\s*\\|\\s*${b})|(${b}\\s*\\|\\s*${a})`);
    expect(files.filter((f) => written.test(f.text)).map((f) => f.path)).toEqual([]);
  });

  it('has no module that registers anything as a side effect of being imported', () => {
    const bare = /^import\s+['"][^'"]+['"];?\s*$/m;
    const topLevelRegistration = /^(?:void\s+)?(?:\w+\.)?register[A-Z]\w*\(/m;
    expect(files.filter((f) => bare.test(f.text) || topLevelRegistration.test(f.text)).map((f) => f.path)).toEqual([]);
  });
});
