import type { Command } from 'commander';
import { notYet } from '../not-yet.js';

export function sandboxCommand(): Command {
  return notYet('sandbox', 'local emulator of the Omnidesk and HelpDeskEddy APIs');
}
