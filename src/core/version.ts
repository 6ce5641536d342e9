/** The version `--version` prints; alone in a module so bin/omnibot.js can print it without commander. */
export const VERSION = '0.1.0';
