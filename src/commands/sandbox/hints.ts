/** The human hints `omnibot sandbox` prints under its ready line: how to use what just started. */
import type { ChalkInstance } from 'chalk';
import { isLoopbackHost } from '../../core/urls.js';
import { DEFAULT_API_KEY, DEFAULT_EMAIL, DEFAULT_HOST } from '../../sandbox/index.js';

export interface HintOptions {
  host?: string;
  email?: string;
  apiKey?: string;
  /** Where the key came from: `--api-key` or `$VAR`. */
  apiKeyFrom?: string;
  rateLimit?: number;
}

export function sandboxHints(urls: Record<string, string>, options: HintOptions, c: ChalkInstance): string[] {
  const email = options.email ?? DEFAULT_EMAIL;
  // The default key is public knowledge; one the user chose is not echoed back.
  const key = options.apiKey === undefined ? DEFAULT_API_KEY : `<the key from ${options.apiKeyFrom ?? '--api-key'}>`;
  const lines = [
    `${c.bold('Omnidesk sandbox')}      ${urls.omnidesk}   (API under /api/)`,
    urls.helpdeskeddy
      ? `${c.bold('HelpDeskEddy sandbox')}  ${urls.helpdeskeddy}`
      : c.dim('HelpDeskEddy sandbox  not available in this build'),
  ];
  if (urls.bot) lines.push(`${c.bold('Reference bot')}         ${urls.bot}`);
  if (urls.botHelpdeskeddy) lines.push(`${c.bold('Reference bot (HDE)')}   ${urls.botHelpdeskeddy}`);
  lines.push(
    '',
    `Credentials: e-mail ${email}, API key ${key}${options.rateLimit ? `, ${options.rateLimit} requests/min` : ''}`,
    `  e.g. OMNIDESK_API_KEY=${options.apiKey === undefined ? key : '…'} omnibot init --url ${urls.omnidesk} --email ` +
      `${email}`,
    `  or   curl -u '${email}:${key}' ${urls.omnidesk}/api/staff.json`,
    `Admin path (no auth): ${urls.omnidesk}/_sandbox/info · reset · rules · custom-channels · faults · deliveries · ` +
      `requests`,
  );
  if (options.host && options.host !== DEFAULT_HOST && !isLoopbackHost(options.host)) {
    lines.push(c.yellow(`Listening on ${options.host}: other machines can reach the API with these demo credentials.`));
  }
  lines.push('Ctrl-C stops it; everything lives in memory.');
  return lines;
}
