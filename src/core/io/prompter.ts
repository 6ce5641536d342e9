/**
 * The one owner of @inquirer/prompts. Every question names the flag that answers it, so that
 * without a terminal (CI, pipes, --no-input) the prompter fails at once with exit 2 and tells
 * the user which flag to pass, instead of hanging on a silent stdin.
 */
import { CancelledError, UsageError, isPromptCancellation } from '../errors.js';

export interface Choice<T> {
  name: string;
  value: T;
  description?: string;
}

export interface Question {
  message: string;
  /** The flag that answers this question without a prompt, e.g. `--api-key-env`. */
  flag: string;
}

export interface Prompter {
  readonly interactive: boolean;
  input(q: Question & { default?: string; validate?: (v: string) => true | string }): Promise<string>;
  password(q: Question & { validate?: (v: string) => true | string }): Promise<string>;
  confirm(q: Question & { default?: boolean }): Promise<boolean>;
  select<T>(q: Question & { choices: Choice<T>[]; default?: T }): Promise<T>;
}

function missing(q: Question): never {
  throw new UsageError(`${q.message.replace(/[:?]\s*$/, '')}: no value, and no terminal to ask.`, {
    hint: `Pass ${q.flag}.`,
    details: { flag: q.flag },
  });
}

/** Without a terminal every question is a usage error naming its flag. */
export class NonInteractivePrompter implements Prompter {
  readonly interactive = false;
  async input(q: Question): Promise<string> {
    return missing(q);
  }
  async password(q: Question): Promise<string> {
    return missing(q);
  }
  async confirm(q: Question): Promise<boolean> {
    return missing(q);
  }
  async select<T>(q: Question): Promise<T> {
    return missing(q);
  }
}

type Inquirer = typeof import('@inquirer/prompts');

export interface InquirerContext {
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
}

export class InquirerPrompter implements Prompter {
  readonly interactive = true;
  private lib?: Inquirer;

  /** `context` names the terminal; @inquirer's default is the process's stdin and stdout. */
  constructor(private readonly context: InquirerContext) {}

  private async load(): Promise<Inquirer> {
    this.lib ??= await import('@inquirer/prompts');
    return this.lib;
  }

  private async ask<T>(fn: (lib: Inquirer) => Promise<T>): Promise<T> {
    const lib = await this.load();
    try {
      return await fn(lib);
    } catch (err) {
      if (isPromptCancellation(err)) throw new CancelledError('Cancelled at a prompt; nothing was written.');
      throw err;
    }
  }

  input(q: Question & { default?: string; validate?: (v: string) => true | string }): Promise<string> {
    return this.ask((l) => l.input({ message: q.message, default: q.default, validate: q.validate }, this.context));
  }

  password(q: Question & { validate?: (v: string) => true | string }): Promise<string> {
    return this.ask((l) => l.password({ message: q.message, mask: '*', validate: q.validate }, this.context));
  }

  confirm(q: Question & { default?: boolean }): Promise<boolean> {
    return this.ask((l) => l.confirm({ message: q.message, default: q.default }, this.context));
  }

  select<T>(q: Question & { choices: Choice<T>[]; default?: T }): Promise<T> {
    return this.ask((l) => l.select<T>({ message: q.message, choices: q.choices, default: q.default }, this.context));
  }
}
