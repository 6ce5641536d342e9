/**
 * The live check of a connection, and what the recipes' questions offer from it (staff). Each
 * client is imported only for its helpdesk, so an Omnidesk init never loads the HDE client.
 */
import type { HelpdeskKind } from '../../config/urls.js';
import type { Context } from '../../context.js';
import { AuthError } from '../../core/errors.js';
import type { HdeUser, HelpdeskeddyApi } from '../../helpdesks/helpdeskeddy/client/types.js';
import type { OmnideskApi, Staff } from '../../helpdesks/omnidesk/client/types.js';

export interface OmnideskLive {
  kind: 'omnidesk';
  api: OmnideskApi;
  staff: Staff[];
  sandbox: boolean;
}

export interface HelpdeskeddyLive {
  kind: 'helpdeskeddy';
  api: HelpdeskeddyApi;
  /** Staff users only: tickets can be handed off only to staff. */
  staff: HdeUser[];
  sandbox: boolean;
}

export type Live = OmnideskLive | HelpdeskeddyLive;

interface Credentials {
  url: string;
  email: string;
  apiKey: string;
}

async function omnidesk(c: Credentials, ctx: Context): Promise<OmnideskLive> {
  const { createOmnideskClient } = await import('../../helpdesks/omnidesk/client/http.js');
  const api = createOmnideskClient({ ...c, signal: ctx.signal, log: (l) => ctx.io.debug(l) });
  ctx.io.info(`Checking the credentials at ${c.url} …`);
  const staff = await api.listStaff();
  const sandbox = await api.isSandbox();
  ctx.io.info(`The API accepts the key of ${c.email}${sandbox ? ' (this is the omnibot sandbox)' : ''}.`);
  return { kind: 'omnidesk', api, staff, sandbox };
}

async function helpdeskeddy(c: Credentials, ctx: Context): Promise<HelpdeskeddyLive> {
  const [{ createHelpdeskeddyClient }, { checkAdminKey }] = await Promise.all([import('../../helpdesks/helpdeskeddy/client/http.js'), import('../../helpdesks/helpdeskeddy/client/admin-key.js')]);
  const api = createHelpdeskeddyClient({ ...c, signal: ctx.signal, log: (l) => ctx.io.debug(l) });
  ctx.io.info(`Checking the credentials at ${c.url} …`);
  const report = await checkAdminKey(api);
  // The key works but cannot act as staff: the bot could not answer or hand off, so it is refused like a wrong key.
  if (!report.ok) throw new AuthError(`HelpDeskEddy: ${report.detail}.`, { code: 'hde_not_staff', hint: report.fix, details: { email: c.email } });
  const staff = await api.listStaff();
  const sandbox = await api.isSandbox();
  ctx.io.info(`The API accepts the key of ${c.email}: ${report.detail}${sandbox ? ' (this is the omnibot sandbox)' : ''}.`);
  for (const note of report.notes) ctx.io.info(note);
  return { kind: 'helpdeskeddy', api, staff, sandbox };
}

export function checkLive(kind: HelpdeskKind, c: Credentials, ctx: Context): Promise<Live> {
  return kind === 'omnidesk' ? omnidesk(c, ctx) : helpdeskeddy(c, ctx);
}
