import type { Command } from 'commander';
import { notYet } from '../not-yet.js';

export function demoCommand(): Command {
  return notYet('demo', 'sandbox + reference bot + apply + verify, offline');
}
