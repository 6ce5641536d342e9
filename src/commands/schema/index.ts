import type { Command } from 'commander';
import { notYet } from '../not-yet.js';

export function schemaCommand(): Command {
  return notYet('schema', 'print the config JSON Schema');
}
