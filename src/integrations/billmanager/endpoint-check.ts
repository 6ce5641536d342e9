/**
 * BILLmanager's side of the channel, seen from outside: a `message_new` sample, rendered as
 * Omnidesk sends it, POSTed to the module's CGI at `/mancgi/omnidesk_webhook?<secret>` must be
 * answered 2xx. A refusal points at the secret_key, a 404 at the module, silence at the host.
 * The URL is always shown with the secret masked.
 */
import type { BillmanagerIntegration } from './schema.js';
import { billmanagerWebhookUrl, maskSecretUrl } from './webhook.js';
import { isSuccess, type SendResult } from '../../core/http/send.js';
import { fail, pass, type CheckDef, type CheckOutcome } from '../../verify/check.js';
import { CONFIG_CHECK } from '../../verify/checks/account.js';
import { sampleSender } from '../../verify/checks/endpoint.js';
import { stepRef, type IntegrationInput, type VerifyContext } from '../../verify/context.js';
import { formatDuration } from '../../core/duration.js';

export const CGI_EVENT = 'omnidesk.message_new';

function diagnose(
  input: IntegrationInput<BillmanagerIntegration>,
  result: SendResult,
  shown: string,
  timeoutMs: number,
): CheckOutcome {
  const logHint = 'BILLmanager logs the CGI in var/omnidesk_webhook.log.';
  if (result.errorCode === 'timeout') {
    return fail(`BILLmanager's CGI ${shown} did not answer within ${formatDuration(timeoutMs)}`, {
      cause: 'the panel is overloaded or a firewall drops the request',
      hint: logHint,
    });
  }
  if (result.error || result.status === undefined) {
    return fail(`BILLmanager's CGI ${shown} is unreachable (${result.errorCode ?? 'no answer'})`, {
      cause: 'billmanagerUrl names the wrong host or port, or the panel is down',
      hint: 'Fix "billmanagerUrl" in the config and the channel’s Webhook URL; Omnidesk must reach the same address.',
    });
  }
  if (result.status === 401 || result.status === 403) {
    return fail(`BILLmanager's CGI refused the secret (${result.status})`, {
      cause: 'secret_key in the module’s «Параметры интеграции» differs from the secret in the config',
      step: stepRef(input, 'bm-params'),
      hint: logHint,
    });
  }
  if (result.status === 404) {
    return fail(`there is no CGI at ${shown} (404)`, {
      cause: 'the OmniDesk module is not installed, or billmanagerUrl is not the panel',
      step: stepRef(input, 'bm-module'),
    });
  }
  return fail(`BILLmanager's CGI answered ${result.status} to ${CGI_EVENT}`, {
    cause: 'the module failed on the sample body',
    hint: logHint,
  });
}

export function billmanagerEndpointCheck(input: IntegrationInput<BillmanagerIntegration>): CheckDef<VerifyContext> {
  const it = input.integration;
  return {
    id: `${it.name}/endpoint`,
    title: `BILLmanager's CGI answers ${CGI_EVENT} sent with the secret`,
    integration: it.name,
    needs: [CONFIG_CHECK],
    async run(cx) {
      const url = billmanagerWebhookUrl(it.billmanagerUrl, it.secret);
      const shown = maskSecretUrl(url);
      const result = await sampleSender(cx)(CGI_EVENT, url);
      if (!isSuccess(result))
        return { ...diagnose(input, result, shown, cx.timeoutMs), details: { url: shown, status: result.status } };
      return pass(`${CGI_EVENT} → ${result.status} in ${formatDuration(result.ms)} at ${shown}`, {
        url: shown,
        status: result.status,
      });
    },
  };
}
