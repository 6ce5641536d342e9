/**
 * Account-wide checks: the config itself, and one credentials check per helpdesk the config
 * uses. Every integration's checks need its helpdesk's credentials check, so a refused key is
 * reported once, as such (exit 3), instead of as a dozen unrelated failures.
 */
import { AuthError } from '../../core/errors.js';
import type { Connection, CredentialsVerdict } from '../../helpdesks/define.js';
import { helpdesk, type HelpdeskKind } from '../../helpdesks/registry.js';
import { fail, pass, type CheckDef, type CheckOutcome } from '../check.js';
import type { VerifyContext } from '../context.js';

export const CONFIG_CHECK = 'config';
export const CONFIG_TITLE = 'The config is valid';

export function configCheck(outcome: CheckOutcome): CheckDef<VerifyContext> {
  return { id: CONFIG_CHECK, title: CONFIG_TITLE, run: async () => outcome };
}

export function credentialsCheckId(helpdesk: HelpdeskKind): string {
  return `${helpdesk}.credentials`;
}

function refused(err: AuthError, where: string, keyHint: string): CheckOutcome {
  return fail(`${where} refused the credentials: ${err.message}`, {
    cause:
      'the e-mail and the API key do not belong together, the key was revoked, or the URL points to another account',
    hint: err.hint ?? keyHint,
    errorKind: 'auth',
  });
}

/** One helpdesk's credentials check, worded and probed by its descriptor. */
export function credentialsCheck(kind: HelpdeskKind): CheckDef<VerifyContext> {
  const desk = helpdesk(kind);
  return {
    id: credentialsCheckId(kind),
    title: desk.credentials.title,
    needs: [CONFIG_CHECK],
    async run(cx) {
      const conn = cx.config[kind]!;
      const api = await cx.clients.get(kind);
      try {
        const verdict = await (
          desk.credentials.check as (api: unknown, conn: Connection) => Promise<CredentialsVerdict>
        )(api, conn);
        if (verdict.ok) return pass(verdict.detail);
        return fail(verdict.message, { cause: verdict.cause, hint: verdict.hint, errorKind: 'auth' });
      } catch (err) {
        if (err instanceof AuthError) {
          const told = conn.keySource ? err.withKeySource(conn.keySource) : err;
          return refused(told, conn.url, desk.credentials.keyHint);
        }
        throw err;
      }
    },
  };
}
