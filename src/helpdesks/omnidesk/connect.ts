/**
 * Proving an Omnidesk connection: init's live check (the staff its questions offer) and
 * verify's credentials check. A refused key surfaces as the client's AuthError.
 */
import type { Connection, CredentialsVerdict, LiveAccount, Progress } from '../define.js';
import type { OmnideskApi, Staff } from './client/types.js';
import { createOmnideskClient } from './client/http.js';
import { findStaff } from './staff.js';

export async function omnideskLive(c: Connection, progress: Progress): Promise<LiveAccount<OmnideskApi, Staff>> {
  const api = createOmnideskClient({
    url: c.url,
    email: c.email,
    apiKey: c.apiKey,
    signal: progress.signal,
    log: (l) => progress.debug(l),
  });
  progress.info(`Checking the credentials at ${c.url} …`);
  const staff = await api.listStaff();
  const sandbox = await api.isSandbox();
  progress.info(`The API accepts the key of ${c.email}${sandbox ? ' (this is the omnibot sandbox)' : ''}.`);
  return { api, staff, sandbox };
}

export async function omnideskCredentials(api: OmnideskApi, conn: Connection): Promise<CredentialsVerdict> {
  const me = findStaff(await api.listStaff(), conn.email);
  const sandbox = (await api.isSandbox()) ? ' (the omnibot sandbox)' : '';
  return {
    ok: true,
    detail: `${conn.email}${me ? ` (staff #${me.staff_id})` : ''} signed in to ${api.baseUrl}${sandbox}`,
  };
}
