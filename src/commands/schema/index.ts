import { Command } from 'commander';
import { examples, lazyAction } from '../lazy-action.js';

export function schemaCommand(): Command {
  return new Command('schema')
    .description('print the JSON Schema of the config file (for editors and validators)')
    .addHelpText(
      'after',
      examples([['omnibot schema > omnibot.schema.json', 'then add "$schema": "./omnibot.schema.json" to the config']]),
    )
    .action(lazyAction(() => import('./action.js')));
}
