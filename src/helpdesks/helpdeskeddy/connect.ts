/**
 * Proving a HelpDeskEddy connection: init's live check and verify's credentials check. A key
 * that works but cannot act as staff is refused like a wrong key: the bot could neither answer
 * nor hand off with it.
 */
import { AuthError } from '../../core/errors.js';
import type { Connection, CredentialsVerdict, LiveAccount, Progress } from '../define.js';
import { checkAdminKey } from './client/admin-key.js';
import { createHelpdeskeddyClient } from './client/http.js';
import type { HdeUser, HelpdeskeddyApi } from './client/types.js';

export async function helpdeskeddyLive(
  c: Connection,
  progress: Progress,
): Promise<LiveAccount<HelpdeskeddyApi, HdeUser>> {
  const api = createHelpdeskeddyClient({
    url: c.url,
    email: c.email,
    apiKey: c.apiKey,
    signal: progress.signal,
    log: (l) => progress.debug(l),
  });
  progress.info(`Checking the credentials at ${c.url} …`);
  const report = await checkAdminKey(api);
  if (!report.ok)
    throw new AuthError(`HelpDeskEddy: ${report.detail}.`, {
      code: 'hde_not_staff',
      hint: report.fix,
      details: { email: c.email },
    });
  // Staff users only: tickets can be handed off only to staff.
  const staff = await api.listStaff();
  const sandbox = await api.isSandbox();
  progress.info(
    `The API accepts the key of ${c.email}: ${report.detail}${sandbox ? ' (this is the omnibot sandbox)' : ''}.`,
  );
  for (const note of report.notes) progress.info(note);
  return { api, staff, sandbox };
}

export async function helpdeskeddyCredentials(api: HelpdeskeddyApi, conn: Connection): Promise<CredentialsVerdict> {
  const me = await api.findUserByEmail(conn.email);
  if (me && !me.isStaff) {
    return {
      ok: false,
      message: `${conn.email} is a client account, not staff`,
      cause: 'the API key of a client cannot manage tickets',
      hint: 'Use the key of an administrator (Управление → Глобальные настройки → Система).',
    };
  }
  const sandbox = (await api.isSandbox()) ? ' (the omnibot sandbox)' : '';
  return { ok: true, detail: `${conn.email}${me ? ` (user #${me.id})` : ''} signed in to ${api.baseUrl}${sandbox}` };
}
