import type { Command } from 'commander';
import { notYet } from '../not-yet.js';

export function eventsCommand(): Command {
  return notYet('events', 'the webhook events omnibot knows');
}
