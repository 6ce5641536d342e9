/**
 * What `listen` tells a person at a terminal besides the machine `ready` line: where to point
 * the helpdesk, where requests are kept, what they are forwarded to. Only at a terminal: scripts
 * read the `ready` line and nothing else changes for them.
 */
import { maskUrl } from '../../capture/secret-mask.js';
import type { ListenSettings } from './options.js';

export function listenBanner(url: string, settings: ListenSettings): string[] {
  const capture = settings.capture ?? 'none (add --capture <file> to keep each request for tail and replay)';
  const forward = settings.forwardTo
    ? `${maskUrl(settings.forwardTo.href)} (its answer goes back to the sender; 502 when it fails)`
    : `nobody (answers ${settings.status} itself)`;
  const secrets = settings.keepSecrets ? '; kept in the capture (--keep-secrets)' : ' and in the capture';
  return [
    '',
    `  Listening on  ${url}   point the helpdesk's webhook here`,
    `  Capture       ${capture}`,
    `  Forwarding to ${forward}`,
    `  Secrets       masked on screen${secrets}`,
    '  Ctrl-C stops and prints a summary.',
    '',
  ];
}
