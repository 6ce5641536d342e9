/**
 * verify's custom-channel checks, shared by the custom-channel and BILLmanager recipes: the
 * channel exists and is active, then its Webhook URL, its secret (BILLmanager) and its type
 * each get their own check, so a wrong URL and a wrong type are two separate, named failures.
 * The first check records the channel's cch code in the state file, as apply does.
 */
import { resourceKey, updateState } from '../../core/state.js';
import type { CustomChannel } from '../../helpdesks/omnidesk/client/types.js';
import { matchChannel, type ChannelMatch, type ChannelTarget, type DifferenceField } from './channel-match.js';
import { CHANNEL_RESOURCE_ID } from './channel-resource.js';
import { fail, pass, type CheckDef } from '../../verify/check.js';
import { factKey, stepRef, type IntegrationInput, type VerifyContext } from '../../verify/context.js';

export function channelCheckIds(name: string) {
  return {
    exists: `${name}/custom-channel`,
    webhook: `${name}/custom-channel-webhook`,
    secret: `${name}/custom-channel-secret`,
    type: `${name}/custom-channel-type`,
  };
}

/** The channel the first check found, for the round trip. */
export function channelFact(name: string): string {
  return factKey(name, 'custom-channel');
}

async function recordCch(cx: VerifyContext, integration: string, channel: CustomChannel): Promise<void> {
  const key = resourceKey(integration, CHANNEL_RESOURCE_ID);
  if (cx.state.resources[key]?.id === channel.channel_api_key) return;
  await updateState(cx.loaded.stateFile, (state) => {
    const prev = state.resources[key];
    state.resources[key] = { ...prev, id: channel.channel_api_key, owned: prev?.owned ?? false };
  });
}

interface FieldCheck {
  id: string;
  field: DifferenceField;
  title: string;
  cause: string;
  hint?: string;
}

export interface ChannelCheckOptions {
  /** BILLmanager: the secret after "?" is its own check. */
  secret?: { hint: string };
}

export function channelChecks(
  input: IntegrationInput,
  target: ChannelTarget,
  options: ChannelCheckOptions = {},
): CheckDef<VerifyContext>[] {
  const name = input.integration.name;
  const ids = channelCheckIds(name);
  const step = stepRef(input, CHANNEL_RESOURCE_ID);
  const matchKey = factKey(name, 'custom-channel-match');

  const exists: CheckDef<VerifyContext> = {
    id: ids.exists,
    title: `Custom channel «${target.title}» exists and is active`,
    integration: name,
    needs: [input.credentialsCheck],
    async run(cx) {
      const api = await cx.clients.get('omnidesk');
      const match = matchChannel(await api.listCustomChannels(), target);
      cx.facts.set(matchKey, match);
      if (!match.channel) {
        return fail(match.differences[0]!.detail, {
          cause: 'the custom channel was not created, or its title differs from the config',
          step,
        });
      }
      cx.facts.set(channelFact(name), match.channel);
      await recordCch(cx, name, match.channel);
      if (!match.channel.active) {
        return fail(`the channel «${match.channel.title}» (${match.channel.channel_api_key}) is disabled`, {
          cause: 'Omnidesk sends nothing to a disabled channel',
          hint: 'Enable the channel in the admin account.',
          step,
        });
      }
      return pass(
        `${match.channel.channel_api_key} ` +
          `«${match.channel.title}»${match.duplicates ? ` (${match.duplicates} more with this title)` : ''}`,
        { cch: match.channel.channel_api_key },
      );
    },
  };

  const fields: FieldCheck[] = [
    {
      id: ids.webhook,
      field: 'webhook_url',
      title: `Custom channel «${target.title}» has the configured Webhook URL`,
      cause: 'the Webhook URL typed in the channel differs from the config: staff replies go elsewhere',
    },
    ...(options.secret
      ? [
          {
            id: ids.secret,
            field: 'secret' as const,
            title: `Custom channel «${target.title}» carries the configured secret`,
            cause:
              'the secret after "?" in the Webhook URL is not the one in the config: BILLmanager refuses the replies',
            hint: options.secret.hint,
          },
        ]
      : []),
    {
      id: ids.type,
      field: 'channel_type',
      title: `Custom channel «${target.title}» has the configured type (${target.channelType})`,
      cause: 'the channel type chosen in the admin account differs from the config',
    },
  ];

  const perField = fields.map((f): CheckDef<VerifyContext> => ({
    id: f.id,
    title: f.title,
    integration: name,
    needs: [ids.exists],
    async run(cx) {
      const match = cx.facts.get(matchKey) as ChannelMatch;
      const wrong = match.differences.filter((d) => d.field === f.field);
      if (wrong.length)
        return fail(wrong.map((d) => d.detail).join('; '), {
          cause: f.cause,
          step,
          ...(f.hint ? { hint: f.hint } : {}),
        });
      return pass(
        f.field === 'channel_type'
          ? match.channel!.channel_type
          : f.field === 'secret'
            ? 'the secret matches'
            : (target.mask?.(target.webhookUrl) ?? target.webhookUrl),
      );
    },
  }));
  return [exists, ...perField];
}
