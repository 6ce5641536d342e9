/** The variable the bot token lives in: the config reads `"token": "${HDE_BOT_TOKEN}"`. */
export const HDE_BOT_TOKEN_VAR = 'HDE_BOT_TOKEN';
