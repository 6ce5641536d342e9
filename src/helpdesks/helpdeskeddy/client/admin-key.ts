/**
 * Validating an admin API key, the flow of reference §2.7: a cheap call proves the e-mail and
 * key pair (a wrong pair throws AuthError, a ban throws `hde_banned`), then the key's user must
 * be staff. A visible `api_key` on that user hints at main-administrator rights, since keys are
 * shown only to the main administrator. The account's limit is reported with the reminder that
 * every integration shares it.
 */
import type { HdeUser, HelpdeskeddyApi } from './types.js';

export interface AdminKeyReport {
  ok: boolean;
  email: string;
  /** The key's user, when the API shows it. */
  user?: Pick<HdeUser, 'id' | 'name' | 'email' | 'isStaff' | 'group'>;
  staff: boolean;
  /** Evidence only (a visible api_key), never a requirement. */
  mainAdmin: boolean;
  /** `X-Rate-Limit` of the account, when the server sent it. */
  rateLimitPerMinute?: number;
  /** One line for people: what was found, or what is wrong. */
  detail: string;
  /** What to do when not ok. */
  fix?: string;
  notes: string[];
}

const SHARED_LIMIT_NOTE =
  'The API limit is shared by every integration of the HelpDeskEddy account; going over it bans the whole account ' +
  'for minutes.';

export async function checkAdminKey(api: HelpdeskeddyApi): Promise<AdminKeyReport> {
  await api.listDepartments();
  const user = await api.findUserByEmail(api.email);
  const rateLimitPerMinute = api.rate().limitPerMinute;
  const notes = [SHARED_LIMIT_NOTE];
  if (rateLimitPerMinute !== undefined)
    notes.unshift(
      `The account allows ${rateLimitPerMinute} API requests a minute; omnibot keeps under ` +
        `${api.rate().clientLimitPerMinute}.`,
    );
  const base = { email: api.email, rateLimitPerMinute, notes };
  if (!user) {
    return {
      ...base,
      ok: false,
      staff: false,
      mainAdmin: false,
      detail: `the key works, but no user with the e-mail ${api.email} is visible to it`,
      fix:
        'Use the e-mail of the user who owns the key (the main administrator, «Управление → Глобальные настройки ' +
        '→ Система»).',
    };
  }
  const summary = { id: user.id, name: user.name, email: user.email, isStaff: user.isStaff, group: user.group };
  if (!user.isStaff) {
    return {
      ...base,
      ok: false,
      user: summary,
      staff: false,
      mainAdmin: false,
      detail:
        `${api.email} (user ${user.id}) is in the group "${user.group.name || user.group.type}" of type ` +
        `"${user.group.type}", not staff`,
      fix:
        "The bot must act as staff: use the main administrator's key from «Управление → Глобальные настройки → " +
        'Система».',
    };
  }
  return {
    ...base,
    ok: true,
    user: summary,
    staff: true,
    mainAdmin: user.apiKeyVisible,
    detail:
      `${api.email} (user ${user.id}) is ` +
      `staff${user.apiKeyVisible ? ', and sees API keys (main administrator)' : ''}`,
  };
}
