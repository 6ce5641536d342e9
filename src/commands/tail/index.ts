import type { Command } from 'commander';
import { notYet } from '../not-yet.js';

export function tailCommand(): Command {
  return notYet('tail', 'follow captured events or a helpdesk case');
}
