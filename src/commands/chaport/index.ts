import type { Command } from 'commander';
import { notYet } from '../not-yet.js';

export function chaportCommand(): Command {
  return notYet('chaport', 'Chaport integration tools');
}
