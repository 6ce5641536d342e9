import type { Command } from 'commander';
import { notYet } from '../not-yet.js';

export function applyCommand(): Command {
  return notYet('apply', 'create what the API allows, then present the manual steps');
}
