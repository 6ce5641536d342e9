import { Argument, Command } from 'commander';
import { examples, lazyAction } from '../lazy-action.js';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;

export function completionCommand(): Command {
  return new Command('completion')
    .description('print a shell completion script (bash, zsh or fish)')
    .addArgument(new Argument('<shell>', 'the shell the script is for').choices(SHELLS))
    .addHelpText(
      'after',
      `
The script completes commands, subcommands, flags and the values of flags that take a fixed
set (--lang, --format, --reporter …). Install it once; it does not need updating until omnibot
gains commands.
${examples([
  ['omnibot completion bash > ~/.local/share/bash-completion/completions/omnibot', 'bash (new shells pick it up)'],
  ['omnibot completion zsh > "${fpath[1]}/_omnibot"', 'zsh (then: autoload -U compinit && compinit)'],
  ['omnibot completion fish > ~/.config/fish/completions/omnibot.fish', 'fish'],
])}`,
    )
    .action(lazyAction(() => import('./action.js')));
}
