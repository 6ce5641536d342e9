/**
 * Placeholder until the HelpDeskEddy sandbox lands (issue 5): the contract its replacement keeps.
 */
import type { Server } from 'node:http';

export interface HelpdeskeddySandboxOptions {
  email: string;
  apiKey: string;
  rateLimit?: number;
}

export interface HelpdeskeddySandbox {
  server: Server;
  /** Set once the server listens; used for the ready line. */
  url?: string;
  close(): Promise<void>;
}

export function createHelpdeskeddySandbox(_options: HelpdeskeddySandboxOptions): HelpdeskeddySandbox | undefined {
  return undefined;
}
