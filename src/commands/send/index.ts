import type { Command } from 'commander';
import { notYet } from '../not-yet.js';

export function sendCommand(): Command {
  return notYet('send', 'send a sample webhook to a URL');
}
