/** The account every sandbox starts with, unless `omnibot sandbox --email/--api-key` says otherwise. */
export const DEFAULT_EMAIL = 'admin@sandbox.test';
export const DEFAULT_API_KEY = 'sandbox-api-key';
/** Requests per minute per sandbox account. */
export const DEFAULT_RATE_LIMIT = 300;
