/**
 * The bot endpoint check: every sample event of the recipe, rendered as the helpdesk would send
 * it (fresh ids, the event catalog's template, user-promoted captures included), must be
 * answered 2xx within the timeout. Helpdesks give up on slow webhooks, so a bot that does its
 * work before answering fails here even though it "works".
 */
import type { Catalog, EventDef, RenderedSample } from '../../events/catalog.js';
import { probeFields, probeHint } from './endpoint-probe.js';
import { isSuccess, sendRequest, type SendResult } from '../../core/http/send.js';
import { fail, pass, type CheckDef, type CheckOutcome } from '../check.js';
import { CONFIG_CHECK } from './account.js';
import type { IntegrationInput, VerifyContext } from '../context.js';
import { formatDuration } from '../../core/duration.js';

export function endpointCheckId(input: IntegrationInput): string {
  return `${input.integration.name}/endpoint`;
}

export interface SampleSend {
  result: SendResult;
  event: EventDef;
  sample: RenderedSample;
  /** Sends another body with the sample's content type to the same URL. */
  resend(body: string): Promise<SendResult>;
}

/**
 * POSTs the catalog's sample of an event to a URL as the helpdesk would send it (fresh ids,
 * user-promoted captures included). The catalog is read once per sender, on first use.
 */
export function sampleSender(cx: VerifyContext): (event: string, url: string) => Promise<SendResult> {
  const send = sampleSend(cx);
  return async (event, url) => (await send(event, url)).result;
}

function sampleSend(cx: VerifyContext): (event: string, url: string) => Promise<SampleSend> {
  let catalog: Promise<Catalog> | undefined;
  return async (name, url) => {
    const { loadCatalog, userEventsDir, renderSample, findEvent } = await import('../../events/catalog.js');
    catalog ??= loadCatalog(userEventsDir(cx.loaded.dir));
    const event = findEvent(await catalog, name);
    const sample = renderSample(event, {});
    const post = (body: string) =>
      sendRequest({
        url,
        method: 'POST',
        headers: { 'content-type': sample.contentType, 'user-agent': 'omnibot-verify' },
        body,
        timeoutMs: cx.timeoutMs,
        signal: cx.signal,
      });
    return { result: await post(sample.body), event, sample, resend: post };
  };
}

function webhookUrlOf(input: IntegrationInput): string | undefined {
  const it = input.integration as { webhookUrl?: unknown };
  return typeof it.webhookUrl === 'string' ? it.webhookUrl : undefined;
}

/** How the check names the endpoint, and where else its URL is typed (for the "unreachable" hint). */
export interface EndpointWording {
  subject: string;
  urlAlsoIn: string;
}

const BOT_WORDING: EndpointWording = {
  subject: 'The bot endpoint',
  urlAlsoIn: 'the «Выполнить вебхук» URL in both rules',
};

/** HelpDeskEddy has one dispatcher rule, and its URL carries the bot token. */
export const HDE_BOT_WORDING: EndpointWording = {
  subject: 'The bot endpoint',
  urlAlsoIn: "the URL of the dispatcher rule's «Отправить вебхук» action",
};

function diagnose(
  event: string,
  result: SendResult,
  url: string,
  timeoutMs: number,
  wording: EndpointWording,
  fieldHint?: string,
): CheckOutcome {
  if (result.errorCode === 'timeout') {
    return fail(`the bot did not answer ${event} within ${formatDuration(timeoutMs)}`, {
      cause:
        'the bot does its work (API calls, an AI answer) before it answers the webhook; the helpdesk gives up on ' +
        'slow webhooks',
      hint: 'Answer 200 at once and do the work afterwards; or raise --timeout if the bot is merely far away.',
    });
  }
  if (result.errorCode === 'ECONNREFUSED' || result.errorCode === 'ENOTFOUND' || result.errorCode === 'EAI_AGAIN') {
    return fail(`the bot endpoint ${url} is unreachable (${result.errorCode})`, {
      cause:
        result.errorCode === 'ECONNREFUSED'
          ? 'the bot is not running, or webhookUrl names the wrong port'
          : 'the host in webhookUrl does not resolve',
      hint: `Start the bot, or fix "webhookUrl" in the config (and ${wording.urlAlsoIn}).`,
    });
  }
  if (result.error) {
    return fail(`sending ${event} to the bot failed: ${result.error}`, {
      hint: 'Check that the bot endpoint is up and reachable from here.',
    });
  }
  const excerpt = result.body.toString('utf8').slice(0, 200).trim();
  const cause = fieldHint
    ? 'the bot refuses the body as the helpdesk really sends it'
    : result.status! >= 500
      ? 'the bot failed on the sample body; its log should say why'
      : 'the bot rejects the request: a wrong path, method or token in webhookUrl, or a body it does not expect';
  return fail(`the bot answered ${result.status} to ${event}`, {
    cause,
    hint:
      `${fieldHint ? `${fieldHint} ` : ''}Reproduce with \`omnibot send ${event} --to ` +
      `<webhookUrl>\`.${excerpt ? ` The bot said: ${excerpt}` : ''}`,
  });
}

export function endpointCheck(
  input: IntegrationInput,
  wording: EndpointWording = BOT_WORDING,
): CheckDef<VerifyContext> | undefined {
  const url = webhookUrlOf(input);
  const events = input.recipe.sampleEvents;
  if (!url || events.length === 0) return undefined;
  return {
    id: endpointCheckId(input),
    title: `${wording.subject} answers ${events.join(', ')} with 2xx`,
    integration: input.integration.name,
    needs: [CONFIG_CHECK],
    async run(cx) {
      const send = sampleSend(cx);
      const answered: Array<{ event: string; status?: number; ms: number }> = [];
      for (const name of events) {
        if (cx.signal.aborted) return { status: 'skip', message: 'cancelled' };
        const sent = await send(name, url);
        const result = sent.result;
        answered.push({ event: name, status: result.status, ms: result.ms });
        if (!isSuccess(result)) {
          // An answer (not a timeout or a refused connection): find the field the bot chokes on.
          const probe =
            result.status !== undefined
              ? await probeFields(sent.event, sent.sample, async (body) => isSuccess(await sent.resend(body)))
              : undefined;
          const outcome = diagnose(name, result, url, cx.timeoutMs, wording, probe && probeHint(probe));
          return { ...outcome, details: { url, answered, ...(probe ? { fields: probe } : {}) } };
        }
      }
      const slowest = Math.max(...answered.map((a) => a.ms));
      return pass(
        `${answered.map((a) => `${a.event} → ${a.status}`).join(', ')} (slowest ${formatDuration(slowest)})`,
        { url, answered },
      );
    },
  };
}
