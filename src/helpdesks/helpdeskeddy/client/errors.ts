/**
 * HelpDeskEddy's `errors` array (reference §1.5) → omnibot's typed errors. Codes starting `s-`
 * are successes (a delete answers `s-204`); `e-` codes are failures. A 401 whose error speaks of
 * a "Ban" or the "API limit" is not a credentials problem: the whole account is locked out for
 * minutes, and retrying only extends it (reference §1.6), so it gets its own code.
 */
import { textOf } from '../../../core/text.js';
import type { BanRecord } from '../../../core/http/account-ledger.js';
import { ApiError, AuthError, type OmnibotError } from '../../../core/errors.js';

export interface HdeErrorItem {
  code: string;
  title: string;
  details: string;
}

function errorItems(body: unknown): HdeErrorItem[] {
  const errors = (body as { errors?: unknown } | null)?.errors;
  if (!Array.isArray(errors)) return [];
  return errors
    .filter((e): e is Record<string, unknown> => typeof e === 'object' && e !== null)
    .map((e) => ({ code: textOf(e.code), title: textOf(e.title), details: textOf(e.details) }));
}

/** True when the body carries only `s-` codes (or none): a success dressed as an error list. */
export function isSuccessBody(body: unknown): boolean {
  return errorItems(body).every((e) => e.code.startsWith('s-'));
}

export function isBanBody(body: unknown): boolean {
  return errorItems(body).some((e) => /\bban\b|api limit/i.test(`${e.title} ${e.details}`));
}

/** "Ban for 20 min." → 20; undefined when the text gives no length. */
export function banMinutes(body: unknown): number | undefined {
  for (const e of errorItems(body)) {
    const m = /ban for (\d+)\s*(min|minute|h|hour)/i.exec(`${e.title} ${e.details}`);
    if (m) return /^h/i.test(m[2]!) ? Number(m[1]) * 60 : Number(m[1]);
  }
  return undefined;
}

const KEY_PAGE = 'Управление → Глобальные настройки → Система';

export function banError(body: unknown, origin: string): ApiError {
  const minutes = banMinutes(body);
  const first = errorItems(body).find((e) => /ban|limit/i.test(`${e.title} ${e.details}`));
  const length = minutes !== undefined ? ` for ${minutes} min` : '';
  return new ApiError(
    `HelpDeskEddy has banned API access of ${origin}${length}: ${first?.details || 'API limit reached'}`,
    {
      code: 'hde_banned',
      status: 401,
      apiCode: first?.code || 'e-401',
      hint:
        'The limit (300 requests a minute by default) is shared by every integration of the account, and going over ' +
        'it locks the whole account. ' +
        'omnibot makes no further calls in this run. Wait for the ban to end, then lower ' +
        'helpdeskeddy.rateLimitPerMinute or pause the other integrations.',
      details: { banMinutes: minutes },
    },
  );
}

/** The same ban, refused locally: no request leaves the process once the account is banned. */
export function bannedLocally(previous: ApiError): ApiError {
  return new ApiError(previous.message, {
    code: 'hde_banned',
    status: previous.status,
    apiCode: previous.apiCode,
    hint: previous.hint,
    details: { ...previous.details, refusedLocally: true },
  });
}

export function authError(status: number, body: unknown, email: string, origin: string): AuthError {
  const first = errorItems(body)[0];
  const said = first ? `: ${first.title || first.code}${first.details ? ` (${first.details})` : ''}` : '';
  return new AuthError(`HelpDeskEddy refused the credentials of ${email} at ${origin} (HTTP ${status})${said}`, {
    code: status === 403 ? 'hde_forbidden' : 'hde_auth',
    hint:
      `Check helpdeskeddy.email (${email}) and the API key in helpdeskeddy.apiKey. The main administrator's key is ` +
      `under ` +
      `«${KEY_PAGE}»; other users' keys are on their user card.`,
    details: { status, email },
  });
}

export function apiError(method: string, path: string, status: number, body: unknown): OmnibotError {
  const first = errorItems(body).find((e) => !e.code.startsWith('s-'));
  const said = first ? `${first.code} ${first.title}${first.details ? `: ${first.details}` : ''}` : `HTTP ${status}`;
  const code =
    status === 404
      ? 'hde_not_found'
      : status === 429
        ? 'hde_rate_limited'
        : status >= 500
          ? 'hde_server'
          : 'hde_request';
  return new ApiError(`HelpDeskEddy ${method} ${path} failed (HTTP ${status}): ${said}`, {
    code,
    status,
    apiCode: first?.code,
    hint:
      status === 429
        ? 'HelpDeskEddy asked to slow down; the account-wide limit is shared with other integrations.'
        : status >= 500
          ? 'HelpDeskEddy had a server error; try again later.'
          : undefined,
  });
}

/** A ban another omnibot process (or an earlier run) recorded in the ledger, still in force. */
export function banInForce(origin: string, ban: BanRecord, now: number): ApiError {
  const minutes = Math.max(1, Math.ceil((ban.until - now) / 60_000));
  const until = new Date(ban.until).toISOString().replace(/\.\d+Z$/, 'Z');
  return new ApiError(`HelpDeskEddy API access of ${origin} is banned until ${until} (about ${minutes} min left)`, {
    code: 'hde_banned',
    hint:
      `omnibot calls this account no more until then, since every call during a ban may prolong it. The ban was ` +
      `seen: ${ban.message}. To call anyway, add --ignore-ban.`,
    details: { bannedUntil: until, minutesLeft: minutes },
  });
}
