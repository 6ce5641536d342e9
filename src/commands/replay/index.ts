import type { Command } from 'commander';
import { notYet } from '../not-yet.js';

export function replayCommand(): Command {
  return notYet('replay', 're-send captured webhooks, byte-exact');
}
