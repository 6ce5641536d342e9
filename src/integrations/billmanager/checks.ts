/**
 * verify for `billmanager`: the channel (exists, Webhook URL, secret, type — each its
 * own check), the integration staff member, every mapped data field, the values file when the
 * config names one, BILLmanager's CGI answering a message_new sample with the secret, and with
 * --e2e the custom-channel round trip with BILLmanager's CGI as the endpoint.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { BillmanagerIntegration } from './schema.js';
import { lintFieldsBuffer } from './fields-lint.js';
import { dataFieldId, describeVerdict, judgeField } from './data-fields.js';
import { integrationEmail, readStaff } from './integration-staff.js';
import { billmanagerChannelTarget } from './webhook.js';
import { fail, pass, type CheckDef } from '../../verify/check.js';
import { CONFIG_CHECK } from '../../verify/checks/account.js';
import { resourceContext } from '../../verify/checks/resources.js';
import { stepRef, type IntegrationInput, type RecipeChecks, type VerifyContext } from '../../verify/context.js';
import { billmanagerEndpointCheck } from './endpoint-check.js';
import { channelCheckIds, channelChecks } from '../omnidesk-custom-channel/channel-checks.js';
import { customChannelTripChecks } from '../omnidesk-custom-channel/round-trip.js';

const SECRET_HINT =
  'Put the configured secret after "?" in the channel’s Webhook URL and the same value into secret_key in ' +
  'BILLmanager; omnibot never prints it (read it from the variable the config’s secret refers to, e.g. ' +
  'BILLMANAGER_SECRET; after a leak: omnibot billmanager secret rotate).';

function staffCheck(input: IntegrationInput<BillmanagerIntegration>): CheckDef<VerifyContext> {
  const it = input.integration;
  return {
    id: `${it.name}/integration-staff`,
    title: 'The integration staff member exists and is active',
    integration: it.name,
    needs: [input.credentialsCheck],
    async run(cx) {
      const read = await readStaff(resourceContext(cx, input), integrationEmail(it, cx.config));
      if (read.status === 'ok') return pass(read.detail);
      return fail(read.detail, {
        cause: 'BILLmanager acts as this staff member',
        step: stepRef(input, 'integration-staff'),
      });
    },
  };
}

function fieldChecks(input: IntegrationInput<BillmanagerIntegration>): CheckDef<VerifyContext>[] {
  const it = input.integration;
  return it.fields.map((mapping) => ({
    id: `${it.name}/${dataFieldId(mapping)}`,
    title: `Data field «${mapping.omnideskField}» exists at the ${mapping.entity} level`,
    integration: it.name,
    needs: [input.credentialsCheck],
    async run(cx) {
      const api = await cx.clients.get('omnidesk');
      const verdict = judgeField(await api.listCustomFields(), mapping);
      const detail = describeVerdict(mapping, verdict);
      if (verdict.status === 'ok') return pass(detail);
      return fail(detail, {
        cause: `BILLmanager fills "${mapping.key}" into a ${mapping.entity} field of that title`,
        step: stepRef(input, dataFieldId(mapping)),
      });
    },
  }));
}

function fieldsFileCheck(input: IntegrationInput<BillmanagerIntegration>): CheckDef<VerifyContext> | undefined {
  const it = input.integration;
  if (!it.fieldsFile) return undefined;
  const file = it.fieldsFile;
  return {
    id: `${it.name}/fields-file`,
    title: `${file} is valid and defines every mapped value`,
    integration: it.name,
    needs: [CONFIG_CHECK],
    async run(cx) {
      let bytes: Buffer;
      try {
        bytes = await readFile(resolve(cx.loaded.dir, file));
      } catch (err) {
        return fail(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`, {
          hint: 'Fix "fieldsFile" in the config (relative to the config file).',
        });
      }
      const result = lintFieldsBuffer(bytes);
      const errors = result.diagnostics.filter((d) => d.severity === 'error');
      if (errors.length) {
        const first = errors.slice(0, 3).map((d) => `${file}:${d.line}:${d.col}: ${d.message}`);
        return fail(first.join('; ') + (errors.length > 3 ? ` (and ${errors.length - 3} more)` : ''), {
          hint: `Run \`omnibot billmanager fields lint ${file}\` for every problem.`,
          details: { errors: errors.length },
        });
      }
      const missing = it.fields.filter((f) => !result.values.some((v) => v.key === f.key && v.entity === f.entity));
      if (missing.length) {
        return fail(
          `${file} does not define ${missing.map((f) => `"${f.key}" (${f.entity})`).join(', ')}, which the config maps`,
          {
            cause: 'BILLmanager offers only the values of this file when a custom field is set up',
            step: stepRef(input, 'bm-fields'),
          },
        );
      }
      return pass(`${result.values.length} values, every mapped one defined`);
    },
  };
}

export const checks: RecipeChecks<BillmanagerIntegration> = {
  checks(input: IntegrationInput<BillmanagerIntegration>): CheckDef<VerifyContext>[] {
    const it = input.integration;
    const ids = channelCheckIds(it.name);
    const fileCheck = fieldsFileCheck(input);
    return [
      ...channelChecks(input, billmanagerChannelTarget(it), { secret: { hint: SECRET_HINT } }),
      staffCheck(input),
      ...fieldChecks(input),
      ...(fileCheck ? [fileCheck] : []),
      billmanagerEndpointCheck(input),
      ...customChannelTripChecks(input, [ids.exists, ids.webhook, ids.secret], { endpoint: 'BILLmanager’s CGI' }),
    ];
  },
  proves: () => ['custom-channel'],
};
