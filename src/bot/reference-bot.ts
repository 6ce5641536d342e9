/**
 * Placeholder until the reference bot lands (issue 4); its replacement keeps this contract.
 */
import { FailedError } from '../errors.js';

export interface ReferenceBotOptions {
  host?: string;
  port?: number;
  omnidesk?: { url: string; email: string; apiKey: string };
  helpdeskeddy?: { url: string; email: string; apiKey: string };
}

export interface ReferenceBot {
  /** Webhook URL for Omnidesk rule webhooks. */
  url: string;
  /** Webhook URL for the HelpDeskEddy dispatcher, when it differs. */
  helpdeskeddyUrl?: string;
  close(): Promise<void>;
}

export async function startReferenceBot(_options: ReferenceBotOptions): Promise<ReferenceBot> {
  throw new FailedError('The reference bot is not built yet.');
}
