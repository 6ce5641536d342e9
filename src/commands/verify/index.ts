import type { Command } from 'commander';
import { notYet } from '../not-yet.js';

export function verifyCommand(): Command {
  return notYet('verify', 'check the setup; --e2e runs the full round trip');
}
