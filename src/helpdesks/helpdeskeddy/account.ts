/** Facts about HelpDeskEddy accounts that the client and the descriptor share. */

/** Where accounts live: `acme` → `https://acme.helpdeskeddy.com`. */
export const HDE_DOMAIN = 'helpdeskeddy.com';
