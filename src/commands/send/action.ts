import { CancelledError, FailedError } from '../../core/errors.js';
import { findEvent, parseSetArgs, renderSample, resolveSets } from '../../events/catalog.js';
import { closeSharedAgent } from '../../core/http/send.js';
import { loadKnownSecrets } from '../../webhooks/known-secrets.js';
import { formatStats } from '../../webhooks/sender.js';
import { userCatalog } from '../events/user-catalog.js';
import type { Handler } from '../lazy-action.js';
import { parseHeaders, parseSendOptions, readData } from './options.js';
import { renderSendLine } from './render.js';
import { runSend } from './run.js';

const handler: Handler = async ({ args, opts }, ctx) => {
  const options = parseSendOptions(opts);
  const headers = parseHeaders(options.header);
  await loadKnownSecrets(ctx);
  const catalog = await userCatalog(ctx);
  const event = findEvent(catalog, String(args[0]));
  const sets = resolveSets(event, parseSetArgs(options.set));
  // Checks --encoding against the event before anything is sent.
  if (options.encoding) renderSample(event, { set: sets, encoding: options.encoding });
  const data = options.data ? await readData(options.data, ctx.stdin, ctx.cwd) : undefined;

  ctx.defer(closeSharedAgent);
  const width = String(options.count).length;
  const stats = await runSend(
    {
      event,
      url: options.to,
      count: options.count,
      concurrency: options.concurrency,
      timeoutMs: options.timeout,
      headers,
      data,
      sets,
      encoding: options.encoding,
      signal: ctx.signal,
    },
    (line) => {
      if (ctx.io.json) ctx.io.printNdjson(line);
      else renderSendLine(line, ctx.io, width);
    },
  );
  if (ctx.signal.aborted) throw new CancelledError(`Cancelled after ${stats.sent} of ${options.count} requests.`);
  ctx.io.info(formatStats(stats));
  if (stats.failed > 0) {
    throw new FailedError(`${stats.failed} of ${stats.sent} requests to ${event.name} did not get a 2xx answer`, {
      hint: 'Each failing request is listed above with its status or error.',
      details: { sent: stats.sent, failed: stats.failed },
    });
  }
};
export default handler;
