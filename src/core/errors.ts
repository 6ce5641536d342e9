/**
 * Typed errors. Every failure a user can cause or meet carries a stable `code`, the exit code
 * the contract assigns to it, a `hint` that says what to do, and the underlying `cause`.
 * Only `src/cli.ts` turns them into text and an exit code (see `render-error.ts`).
 */

export const EXIT = {
  ok: 0,
  failed: 1,
  usage: 2,
  auth: 3,
  pending: 4,
  cancelled: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export interface ErrorOptions {
  hint?: string;
  cause?: unknown;
  /** Extra machine-readable facts for `--json` error output. Never put secrets here. */
  details?: Record<string, unknown>;
}

export class OmnibotError extends Error {
  readonly code: string;
  readonly exitCode: ExitCode;
  readonly hint?: string;
  readonly details?: Record<string, unknown>;

  constructor(code: string, message: string, exitCode: ExitCode, options: ErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.exitCode = exitCode;
    this.hint = options.hint;
    this.details = options.details;
  }

  toJSON(): Record<string, unknown> {
    return { code: this.code, message: this.message, hint: this.hint, exitCode: this.exitCode, ...this.details };
  }
}

/** A bad flag, a missing value with no terminal to ask, an unknown event name. Exit 2. */
export class UsageError extends OmnibotError {
  constructor(message: string, options: ErrorOptions = {}) {
    super('usage', message, EXIT.usage, options);
  }
}

/** The config file is missing, malformed or invalid, or a `${VAR}` is unset. Exit 2. */
export class ConfigError extends OmnibotError {
  constructor(message: string, options: ErrorOptions & { code?: string } = {}) {
    super(options.code ?? 'config', message, EXIT.usage, options);
  }
}

/** The helpdesk refused the credentials or the permission. Exit 3. */
export class AuthError extends OmnibotError {
  constructor(message: string, options: ErrorOptions & { code?: string } = {}) {
    super(options.code ?? 'auth', message, EXIT.auth, options);
  }

  /** The same refusal, saying where the key in use came from (a place, never the value). */
  withKeySource(source: string): AuthError {
    if (this.details?.keySource) return this;
    const hint = `The API key used came from ${source}.${this.hint ? ` ${this.hint}` : ''}`;
    const copy = new AuthError(this.message, {
      code: this.code,
      hint,
      cause: this.cause,
      details: { ...this.details, keySource: source },
    });
    copy.stack = this.stack;
    return copy;
  }
}

/** An API call failed for a reason other than auth (4xx, 5xx, network, timeout, ban). Exit 1. */
export class ApiError extends OmnibotError {
  readonly status?: number;
  readonly apiCode?: string;
  constructor(message: string, options: ErrorOptions & { code?: string; status?: number; apiCode?: string } = {}) {
    super(options.code ?? 'api', message, EXIT.failed, options);
    this.status = options.status;
    this.apiCode = options.apiCode;
  }
}

/** An operation or a check failed (a replay target answered 500, a verify check failed). Exit 1. */
export class FailedError extends OmnibotError {
  constructor(message: string, options: ErrorOptions & { code?: string } = {}) {
    super(options.code ?? 'failed', message, EXIT.failed, options);
  }
}

/** Ctrl-C at a prompt or during a long operation. Exit 130. */
export class CancelledError extends OmnibotError {
  constructor(message = 'Cancelled.', options: ErrorOptions = {}) {
    super('cancelled', message, EXIT.cancelled, options);
  }
}

export function isOmnibotError(err: unknown): err is OmnibotError {
  return err instanceof OmnibotError;
}

/** Inquirer signals Ctrl-C and aborts by error class name; we avoid importing it to stay lazy. */
export function isPromptCancellation(err: unknown): boolean {
  const name = (err as { name?: string } | null)?.name;
  return name === 'ExitPromptError' || name === 'AbortPromptError' || name === 'CancelPromptError';
}
