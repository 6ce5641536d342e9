import type { Command } from 'commander';
import { notYet } from '../not-yet.js';

export function initCommand(): Command {
  return notYet('init', 'interactive wizard that writes the config');
}
