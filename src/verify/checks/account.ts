/**
 * Account-wide checks: the config itself, and one credentials check per helpdesk the config
 * uses. Every integration's checks need its helpdesk's credentials check, so a refused key is
 * reported once, as such (exit 3), instead of as a dozen unrelated failures.
 */
import { AuthError } from '../../core/errors.js';
import { findStaff } from '../../integrations/omnidesk-bot/agent.js';
import { fail, pass, type CheckDef, type CheckOutcome } from '../check.js';
import type { VerifyContext } from '../context.js';

export const CONFIG_CHECK = 'config';
export const CONFIG_TITLE = 'The config is valid';

export function configCheck(outcome: CheckOutcome): CheckDef<VerifyContext> {
  return { id: CONFIG_CHECK, title: CONFIG_TITLE, run: async () => outcome };
}

export function credentialsCheckId(helpdesk: 'omnidesk' | 'helpdeskeddy'): string {
  return `${helpdesk}.credentials`;
}

function refused(err: AuthError, where: string, keyHint: string): CheckOutcome {
  return fail(`${where} refused the credentials: ${err.message}`, {
    cause: 'the e-mail and the API key do not belong together, the key was revoked, or the URL points to another account',
    hint: err.hint ?? keyHint,
    errorKind: 'auth',
  });
}

export function omnideskCredentialsCheck(): CheckDef<VerifyContext> {
  return {
    id: credentialsCheckId('omnidesk'),
    title: 'Omnidesk accepts the API key',
    needs: [CONFIG_CHECK],
    async run(cx) {
      const conn = cx.config.omnidesk!;
      const api = await cx.clients.omnidesk();
      try {
        const me = findStaff(await api.listStaff(), conn.email);
        const sandbox = (await api.isSandbox()) ? ' (the omnibot sandbox)' : '';
        return pass(`${conn.email}${me ? ` (staff #${me.staff_id})` : ''} signed in to ${api.baseUrl}${sandbox}`);
      } catch (err) {
        if (err instanceof AuthError) {
          return refused(err, conn.url, 'Check omnidesk.email and the API key (Настройки → API); keep the key in OMNIDESK_API_KEY, not in the config.');
        }
        throw err;
      }
    },
  };
}

export function helpdeskeddyCredentialsCheck(): CheckDef<VerifyContext> {
  return {
    id: credentialsCheckId('helpdeskeddy'),
    title: 'HelpDeskEddy accepts the API key',
    needs: [CONFIG_CHECK],
    async run(cx) {
      const conn = cx.config.helpdeskeddy!;
      const api = await cx.clients.helpdeskeddy();
      try {
        const me = await api.findUserByEmail(conn.email);
        if (me && !me.isStaff) {
          return fail(`${conn.email} is a client account, not staff`, {
            cause: 'the API key of a client cannot manage tickets',
            hint: 'Use the key of an administrator (Управление → Глобальные настройки → Система).',
            errorKind: 'auth',
          });
        }
        const sandbox = (await api.isSandbox()) ? ' (the omnibot sandbox)' : '';
        return pass(`${conn.email}${me ? ` (user #${me.id})` : ''} signed in to ${api.baseUrl}${sandbox}`);
      } catch (err) {
        if (err instanceof AuthError) {
          return refused(err, conn.url, 'Check helpdeskeddy.email and the admin API key (Управление → Глобальные настройки → Система).');
        }
        throw err;
      }
    },
  };
}
