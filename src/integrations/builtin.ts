/**
 * The registry of the built-in integrations, one per process: what a command's context carries
 * unless a test supplies another. (Kept apart from ./registry.ts, which `--help` reads, so that
 * listing the commands loads no more than the definitions.)
 */
import { createRegistry, type Registry } from '../kit/registry.js';
import { INTEGRATIONS } from './registry.js';

let builtins: Registry | undefined;

export function builtinRegistry(): Registry {
  return (builtins ??= createRegistry(INTEGRATIONS));
}
