/** Placeholder for a command whose issue has not landed yet. */
import { Command } from 'commander';
import { FailedError } from '../errors.js';

export function notYet(name: string, description: string): Command {
  return new Command(name)
    .description(`${description} (not built yet)`)
    .allowUnknownOption()
    .allowExcessArguments()
    .action(() => {
      throw new FailedError(`omnibot ${name} is not built yet.`);
    });
}
