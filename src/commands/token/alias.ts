/**
 * `omnibot <recipe> secret generate|rotate`: `token generate|rotate` with the recipe preset, for
 * a recipe whose secret definition asks for the alias (BILLmanager's steps and hints name it).
 */
import { Command } from 'commander';
import type { SecretDefinition } from '../../kit/integration.js';
import { examples, lazyAction } from '../lazy-action.js';
import { secretOptions } from './index.js';

export function secretAlias(recipe: string, secret: SecretDefinition): Command {
  const alias = secret.alias!;
  const handler = (mode: 'generate' | 'rotate') =>
    lazyAction(async () => ({ default: (await import('./action.js')).tokenHandler(mode, recipe) }));
  const generate = secretOptions(new Command('generate'), recipe, secret.envVar)
    .description(alias.generate)
    .addHelpText('after', examples(alias.examples))
    .action(handler('generate'));
  const rotate = secretOptions(new Command('rotate'), recipe, secret.envVar)
    .description(alias.rotate)
    .action(handler('rotate'));
  return new Command('secret').description(alias.description).addCommand(generate).addCommand(rotate);
}
