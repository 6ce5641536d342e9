/** Facts about Omnidesk accounts that the client, the sandbox and the recipes share. */

/** Where accounts live: `acme` → `https://acme.omnidesk.ru`. */
export const OMNIDESK_DOMAIN = 'omnidesk.ru';

/**
 * Omnidesk does not document a maximum label length [I]; 100 is what omnibot enforces and the
 * sandbox mirrors, so a too-long title fails in `plan`, not halfway through `apply`.
 */
export const LABEL_TITLE_MAX = 100;
