import type { Command } from 'commander';
import { notYet } from '../not-yet.js';

export function captureCommand(): Command {
  return notYet('capture', 'work with capture files');
}
