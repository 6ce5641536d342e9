import type { Command } from 'commander';
import { notYet } from '../not-yet.js';

export function listenCommand(): Command {
  return notYet('listen', 'local webhook receiver: prints, captures, forwards');
}
