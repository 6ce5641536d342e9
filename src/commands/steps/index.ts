import { Command, Option } from 'commander';
import { examples, lazyAction } from '../lazy-action.js';

export function stepsCommand(): Command {
  return new Command('steps')
    .description('the manual steps of the configured integrations, as text, markdown or json')
    .addOption(new Option('--format <format>', 'output format (default: text)').choices(['text', 'markdown', 'json']))
    .addOption(
      new Option('--lang <lang>', 'language of the steps (default: ru, the words of the Russian UI)').choices([
        'ru',
        'en',
      ]),
    )
    .option('--integration <name>', 'only this integration of the config')
    .option('--show-secrets', 'print tokens inside URLs as they are, ready to paste (default: masked as ***)')
    .addHelpText(
      'after',
      examples([
        ['omnibot steps', 'the steps in Russian, with the exact UI labels'],
        ['omnibot steps --lang en --format markdown > SETUP.md', 'an English page for a wiki'],
        ['omnibot steps --format json', 'the steps with their machine-readable specs'],
        ['omnibot steps --integration hde --show-secrets', 'the dispatcher URL with the bot token filled in, to paste'],
      ]),
    )
    .action(lazyAction(() => import('./action.js')));
}
