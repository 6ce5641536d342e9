/**
 * Limits on what a config file may expand to, checked right after parsing and before anything
 * walks the value recursively. A YAML "billion laughs" file parses in milliseconds (aliases are
 * shared references) but expands exponentially in any walk; a JSON file nested 100,000 deep
 * overflows the stack of every recursive reader. Both are hostile or broken, never a config.
 */
import { ConfigError } from '../core/errors.js';

/** Far deeper than any real config (integrations → fields → one entry is depth 4). */
export const MAX_DEPTH = 64;
/** Values counted with every alias expanded; a real config has a few hundred. */
export const MAX_NODES = 100_000;

export function assertReasonableShape(value: unknown, file: string): void {
  const stack: Array<[unknown, number]> = [[value, 1]];
  let nodes = 0;
  while (stack.length) {
    const [current, depth] = stack.pop()!;
    nodes += 1;
    if (nodes > MAX_NODES) {
      throw new ConfigError(`${file} expands to more than ${MAX_NODES.toLocaleString('en')} values`, {
        code: 'config_too_large',
        hint: 'A YAML file whose aliases (*name) repeat each other grows like this; write the values out instead.',
      });
    }
    if (depth > MAX_DEPTH) {
      throw new ConfigError(`${file} is nested more than ${MAX_DEPTH} levels deep`, {
        code: 'config_too_deep',
        hint: 'An omnibot config is a few levels deep; check the file for runaway brackets.',
      });
    }
    if (current !== null && typeof current === 'object') {
      for (const child of Object.values(current)) stack.push([child, depth + 1]);
    }
  }
}
