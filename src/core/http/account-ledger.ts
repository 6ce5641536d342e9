/**
 * One rate budget and one ban record per helpdesk account, shared by every omnibot process
 * that uses the same ledger folder (by default `.omnibot/` beside the config). HelpDeskEddy's
 * limit is account-wide and going over it bans the whole account, so twenty `plan` runs in
 * parallel must draw on one budget, and a ban seen by one process must stop all the others.
 *
 * The file is tiny (the grant times of the last minute and the ban, if any) and every change
 * happens under a lock, so the read-modify-write never loses a grant.
 */
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { withFileLock } from '../file-lock.js';

export interface BanRecord {
  /** Epoch ms when the ban is expected to end. */
  until: number;
  /** What the helpdesk said, for the refusal message. */
  message: string;
  at: number;
}

interface LedgerFile {
  account: string;
  grants: number[];
  ban?: BanRecord;
}

export interface AccountLedgerOptions {
  dir: string;
  /** The account's origin, e.g. https://acme.helpdeskeddy.com. */
  account: string;
  now?: () => number;
  windowMs?: number;
}

/** A file name that names the account and cannot escape the folder. */
export function ledgerFileName(account: string): string {
  return `account-${account.replace(/^[a-z]+:\/\//i, '').replace(/[^A-Za-z0-9.-]+/g, '_')}.json`;
}

export class AccountLedger {
  private readonly file: string;
  private readonly now: () => number;
  private readonly windowMs: number;

  constructor(private readonly options: AccountLedgerOptions) {
    this.file = join(options.dir, ledgerFileName(options.account));
    this.now = options.now ?? Date.now;
    this.windowMs = options.windowMs ?? 60_000;
  }

  private async read(): Promise<LedgerFile> {
    const empty: LedgerFile = { account: this.options.account, grants: [] };
    let parsed: unknown;
    try {
      parsed = JSON.parse(await readFile(this.file, 'utf8'));
    } catch {
      // Missing or torn: a fresh ledger is the safe reading (the in-process limiter still holds).
      return empty;
    }
    if (typeof parsed !== 'object' || parsed === null) return empty;
    const { grants, ban } = parsed as Partial<LedgerFile>;
    return {
      account: this.options.account,
      grants: Array.isArray(grants) ? grants.filter((g): g is number => Number.isFinite(g)) : [],
      ...(ban && Number.isFinite(ban.until)
        ? { ban: { until: ban.until, message: String(ban.message ?? ''), at: Number(ban.at) || 0 } }
        : {}),
    };
  }

  private async write(data: LedgerFile): Promise<void> {
    const tmp = `${this.file}.${process.pid}.tmp`;
    await writeFile(tmp, `${JSON.stringify(data)}\n`, { mode: 0o600 });
    await rename(tmp, this.file);
  }

  private locked<T>(fn: () => Promise<T>): Promise<T> {
    return withFileLock(`${this.file}.lock`, fn, {
      what: `the rate budget of ${this.options.account}`,
      staleMs: 5_000,
    });
  }

  /**
   * Takes one call from the shared budget of `perMinute` calls per sliding window. Returns 0
   * when granted, or how many ms to wait before asking again.
   */
  reserve(perMinute: number): Promise<number> {
    return this.locked(async () => {
      const data = await this.read();
      const now = this.now();
      data.grants = data.grants.filter((g) => g > now - this.windowMs && g <= now + this.windowMs);
      if (data.grants.length >= perMinute) {
        const oldest = data.grants[data.grants.length - perMinute] ?? now;
        return Math.max(1, oldest + this.windowMs - now);
      }
      data.grants.push(now);
      await this.write(data);
      return 0;
    });
  }

  /** The ban in force, if any. */
  async ban(): Promise<BanRecord | undefined> {
    const { ban } = await this.read();
    return ban && ban.until > this.now() ? ban : undefined;
  }

  recordBan(durationMs: number, message: string): Promise<void> {
    return this.locked(async () => {
      const data = await this.read();
      const now = this.now();
      const until = Math.max(now + durationMs, data.ban?.until ?? 0);
      await this.write({ ...data, ban: { until, message, at: now } });
    });
  }
}
