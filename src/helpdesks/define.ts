/**
 * What a helpdesk is to the rest of omnibot: one descriptor per folder under src/helpdesks/,
 * listed in ./registry.ts. Everything above this layer (engine, verify, init, the sandbox, the
 * reference bot) asks the descriptors instead of naming a helpdesk. Heavy parts (the undici
 * client, the sandbox server, the bot responder) are behind `import()` so that reading a
 * descriptor costs nothing at start-up.
 */
import type { Server } from 'node:http';
import type { z } from 'zod';
import type { ServerLimits } from '../server/guard.js';

/** What every connection section has; a helpdesk's schema may add keys (a rate limit). */
export interface Connection {
  url: string;
  email: string;
  apiKey: string;
  timeoutMs?: number;
  rateLimitPerMinute?: number;
  /** Where the key came from, in words (never the key): told when the helpdesk refuses it. */
  keySource?: string;
}

/** The shared keys of a connection section, for a helpdesk's own schema to extend. */
export interface ConnectionKit {
  z: typeof z;
  base: {
    url: z.ZodString;
    email: z.ZodEmail;
    apiKey: z.ZodString;
    timeoutMs: z.ZodOptional<z.ZodNumber>;
  };
}

export interface ClientOptions {
  signal?: AbortSignal;
  /** Debug lines from the client (method, path, status, retries); never credentials. */
  log?: (line: string) => void;
  /** Notes for a person watching a terminal: a retry, its reason and when it happens. */
  progress?: (line: string) => void;
  /** The folder of the per-account ledger (shared rate budget, recorded bans): `.omnibot/`. */
  ledgerDir?: string;
  /** `--ignore-ban`: call even while a recorded ban is in force. */
  ignoreBan?: boolean;
}

/** What every client offers besides its own API: where it points and the sandbox's admin path. */
export interface HelpdeskClient {
  readonly baseUrl: string;
  isSandbox(): Promise<boolean>;
  adminRequest<T = unknown>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T>;
}

/** Where init's progress lines go while it proves a connection. */
export interface Progress {
  signal?: AbortSignal;
  info(line: string): void;
  debug(line: string): void;
}

/** A connection proven live: the client, the staff init's questions offer, and whether it is our sandbox. */
export interface LiveAccount<Api, Staff> {
  api: Api;
  staff: Staff[];
  sandbox: boolean;
}

/** The outcome of a credentials probe; a refused key is thrown as AuthError instead. */
export type CredentialsVerdict =
  { ok: true; detail: string } | { ok: false; message: string; cause?: string; hint?: string };

export interface SandboxStartOptions {
  email: string;
  apiKey: string;
  /** Requests per minute for the account. */
  rateLimit?: number;
  /** Per-delivery timeout of outbound webhooks. */
  webhookTimeoutMs?: number;
  onInternalError?: (err: unknown) => void;
  /** Connection and body caps (tests make them small). */
  limits?: ServerLimits;
  /** Called after `POST /_sandbox/reset`: whatever remembers this sandbox's data (the reference bot) forgets it. */
  onReset?: () => void;
}

/** A sandbox server not yet listening; `close` stops its timers and the server. */
export interface SandboxInstance {
  server: Server;
  close(): Promise<void>;
}

/** A webhook the reference bot received, in one shape for every helpdesk. */
export interface BotMessage {
  helpdesk: string;
  caseId: number;
  text: string;
  userId?: number;
  /** Who wrote the last post (a bot ignores its own posts). */
  authorId?: number;
}

/** What the reference bot did, for its `onEvent` listener and `events` list. */
export interface BotEvent {
  kind: 'received' | 'duplicate' | 'answered' | 'handed-off' | 'ignored' | 'error';
  helpdesk: string;
  caseId?: number;
  detail?: string;
}

/** The bot's brain, injected so that helpdesks know no knowledge base. */
export type BotDecision =
  | { action: 'answer'; answer: { topic: string; text: string } }
  | { action: 'hand-off'; reason: 'operator-requested' | 'no-answer' };

export interface BotDeps {
  emit(event: BotEvent): void;
  decide(text: string): BotDecision;
  /** The bot's own defaults; a webhook URL's query may override them. */
  defaults: { agent?: string; label?: string; replyAsNote?: boolean };
}

export interface BotResponder {
  /** `query` is the webhook URL's query: per-rule settings (`?note=1`, `?agent=…`). */
  handle(msg: BotMessage, query: URLSearchParams): Promise<void>;
}

export interface HelpdeskDefinition<
  K extends string = string,
  Api extends HelpdeskClient = HelpdeskClient,
  Staff = unknown,
> {
  kind: K;
  /** As people write it: «Omnidesk». */
  title: string;
  /** Where a bare account name lives: `acme` → `acme.<domain>`. */
  domain: string;
  /** The variable init reads the API key from by default. */
  keyVar: string;
  /** Environment variables that override the config section's url, email and apiKey. */
  env: { url: string; email: string; apiKey: string };
  /** The connection section of the config (`"omnidesk": { … }`). */
  connection(kit: ConnectionKit): z.ZodType<Connection>;
  /** Where the admin finds the API key, for init's prompt. */
  whereKeys(url: string): string;
  /** The client (the only undici user for this helpdesk), loaded on first use. */
  client(conn: Connection, options: ClientOptions): Promise<Api>;
  /** init: prove the connection and list the staff its questions offer. */
  live(conn: Connection, progress: Progress): Promise<LiveAccount<Api, Staff>>;
  credentials: {
    /** The verify check's title. */
    title: string;
    /** Said when the helpdesk refuses the key. */
    keyHint: string;
    check(api: Api, conn: Connection): Promise<CredentialsVerdict>;
  };
  sandbox: {
    /** For messages: «Omnidesk sandbox». */
    what: string;
    /** The `omnibot sandbox` flag that sets its port. */
    portFlag: string;
    /** Spec kinds the sandbox executes, and the admin path that takes each. */
    specPaths: Record<string, string>;
    create(options: SandboxStartOptions): Promise<SandboxInstance>;
  };
  bot: {
    /**
     * Tells this helpdesk's webhook body apart at the bot's `/` route; one helpdesk may leave it out (the fallback).
     */
    recognizes?(body: Record<string, unknown>): boolean;
    /** The webhook body as a message; null when it names no case. */
    read(body: Record<string, unknown>): BotMessage | null;
    /** The bot's 400 answer to a body `read` cannot use: "no case id in the body". */
    unreadable: string;
    responder(conn: Connection, deps: BotDeps): Promise<BotResponder>;
  };
}

/** Identity with inference: keeps the literal `kind` and the client type. */
export function defineHelpdesk<const K extends string, Api extends HelpdeskClient, Staff>(
  definition: HelpdeskDefinition<K, Api, Staff>,
): HelpdeskDefinition<K, Api, Staff> {
  return definition;
}
