import type { Command } from 'commander';
import { notYet } from '../not-yet.js';

export function stepsCommand(): Command {
  return notYet('steps', 'the manual steps, as text, markdown or json');
}
