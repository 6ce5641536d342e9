import type { Command } from 'commander';
import { notYet } from '../not-yet.js';

export function billmanagerCommand(): Command {
  return notYet('billmanager', 'BILLmanager integration tools');
}
