/**
 * `omnibot listen`: starts the receiver, prints one line (or record) per request, appends to
 * the capture file, and on the first SIGINT/SIGTERM drains in-flight requests, flushes the file,
 * prints the tally and returns 0.
 */
import type { Context } from '../../kit/context.js';
import { waitForAbort } from '../../core/abort.js';
import { EXIT, FailedError, UsageError } from '../../core/errors.js';
import { maskRecord } from '../../capture/secret-mask.js';
import { CaptureWriter } from '../../capture/writer.js';
import { CaptureHealth } from './capture-health.js';
import { loadKnownSecrets } from '../../webhooks/known-secrets.js';
import { loadDetector } from '../../webhooks/detection.js';
import { userCatalog } from '../events/user-catalog.js';
import { closeSharedAgent } from '../../core/http/send.js';
import { startListener, type RunningListener } from '../../webhooks/listener.js';
import { LineBatch } from '../../webhooks/line-batch.js';
import { formatRecordLine } from '../../webhooks/record-line.js';
import type { Handler } from '../lazy-action.js';
import { listenSettings, type ListenSettings } from './options.js';
import { ListenTally } from './summary.js';
import { listenBanner } from './banner.js';
import type { CaptureRecord } from '../../capture/record.js';

async function openCapture(settings: ListenSettings): Promise<CaptureWriter | undefined> {
  if (!settings.capture) return undefined;
  try {
    return await CaptureWriter.open(settings.capture, { keepSecrets: settings.keepSecrets });
  } catch (err) {
    throw new UsageError(
      `--capture: cannot write ${settings.capture}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
    );
  }
}

function bindError(err: NodeJS.ErrnoException, settings: ListenSettings): Error {
  // A taken or forbidden port is an operation that failed (exit 1, as for `omnibot sandbox`), not a malformed flag.
  if (err.code === 'EADDRINUSE')
    return new FailedError(`--port ${settings.port}: the port is already in use.`, {
      code: 'port_in_use',
      hint: 'Pick another port, or --port 0 for a free one.',
    });
  if (err.code === 'EACCES')
    return new FailedError(`--port ${settings.port}: not allowed to bind (ports below 1024 need privileges).`, {
      code: 'port_forbidden',
    });
  if (err.code === 'EADDRNOTAVAIL' || err.code === 'ENOTFOUND')
    return new UsageError(`--host ${settings.host}: not an address of this machine.`);
  return err;
}

const handler: Handler = async ({ opts }, ctx: Context) => {
  const settings = listenSettings(opts, ctx);
  // Registers the config's secrets (when there is a config) before anything is printed or written.
  await loadKnownSecrets(ctx);
  const detect = await loadDetector(await userCatalog(ctx));
  const writer = await openCapture(settings);
  if (writer?.endedTornLine) {
    ctx.io.warn(
      `${settings.capture} ended with an unterminated line (a write cut short); ended it so new records start on a ` +
        `line of their own.`,
    );
  }
  ctx.defer(closeSharedAgent);
  const tally = new ListenTally();
  // One stdout write per event-loop turn, not per request (see LineBatch).
  const output = new LineBatch((chunk) => ctx.io.write(chunk));
  const secretPolicy = { secretHeader: settings.secret?.header, secretQuery: settings.secret?.query };
  const health = new CaptureHealth(
    settings.capture ?? '',
    (line) => ctx.io.warn(line),
    (line) => ctx.io.info(line),
  );

  // --ui: the inspector is fed every record as it is recorded (the page shows it within a second).
  let toPage: ((record: CaptureRecord) => void) | undefined;
  let listener: RunningListener;
  try {
    listener = await startListener({
      host: settings.host,
      port: settings.port,
      pathPrefix: settings.pathPrefix,
      status: settings.status,
      maxBody: settings.maxBody,
      secret: settings.secret,
      keepSecrets: settings.keepSecrets,
      forwardTo: settings.forwardTo,
      headersTimeoutMs: settings.headersTimeoutMs,
      requestTimeoutMs: settings.requestTimeoutMs,
      maxConnections: settings.maxConnections,
      maxPendingBytes: settings.maxPendingBytes,
      detect,
      onRecord: async (record, summary) => {
        if (writer) {
          await writer.append(record);
          health.succeeded();
        }
        tally.add(record);
        toPage?.(record);
        // --keep-secrets is about the capture file; stdout (often a CI log) stays masked.
        const shown = settings.keepSecrets ? maskRecord(record, secretPolicy) : record;
        output.push(settings.json ? JSON.stringify(shown) : formatRecordLine(shown, summary, ctx.io.c));
      },
      onRecordError: (err) => {
        tally.unrecorded += 1;
        health.failed(err);
      },
    });
  } catch (err) {
    await writer?.close().catch(() => undefined);
    throw bindError(err as NodeJS.ErrnoException, settings);
  }

  let ui: string | undefined;
  if (settings.ui) {
    const { startLiveInspector } = await import('./inspector.js');
    const page = await startLiveInspector(ctx, settings, listener.url);
    toPage = page.push;
    ui = page.url;
    ctx.defer(() => page.close());
  }
  ctx.io.err(`ready ${JSON.stringify({ url: listener.url, ...(ui ? { ui } : {}) })}`);
  if (ui && settings.open && ctx.io.streams.stderr.isTTY) {
    const { openInBrowser } = await import('../../inspector/open-browser.js');
    openInBrowser(ui, ctx.env);
  }
  if (ctx.io.streams.stderr.isTTY) for (const line of listenBanner(listener.url, settings)) ctx.io.info(line);
  await waitForAbort(ctx.signal);
  ctx.io.info('listen: stopping; letting in-flight requests finish…');
  await listener.close();
  output.flush();
  if (writer) {
    try {
      await writer.close();
    } catch (err) {
      ctx.io.warn(`closing ${settings.capture} failed: ${(err as Error).message}`);
    }
  }
  for (const line of tally.lines(settings.capture)) ctx.io.info(line);
  return EXIT.ok;
};

export default handler;
