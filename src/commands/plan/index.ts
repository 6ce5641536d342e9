import type { Command } from 'commander';
import { notYet } from '../not-yet.js';

export function planCommand(): Command {
  return notYet('plan', 'desired state vs what the helpdesk has');
}
