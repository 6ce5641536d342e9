import type { Command } from 'commander';
import { notYet } from '../not-yet.js';

export function tokenCommand(): Command {
  return notYet('token', 'generate and rotate bot tokens');
}
