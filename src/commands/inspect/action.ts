/**
 * `omnibot inspect <capture>`: the inspector over a capture file, until Ctrl-C.
 */
import { basename } from 'node:path';
import { z } from 'zod';
import { waitForAbort } from '../../core/abort.js';
import { EXIT, FailedError } from '../../core/errors.js';
import { assertReadableFile, capturePath } from '../../capture/reader.js';
import { loadKnownSecrets } from '../../webhooks/known-secrets.js';
import { fileStore } from '../../inspector/file-store.js';
import { openInBrowser } from '../../inspector/open-browser.js';
import { startInspector } from '../../inspector/server.js';
import { parseOptions, wholeNumber } from '../../kit/parse-options.js';
import type { Handler } from '../lazy-action.js';
import { configDir, userCatalog } from '../events/user-catalog.js';

const optionsSchema = z.object({
  port: wholeNumber(0, 65535).default(0),
  open: z.boolean().default(true),
});

const handler: Handler = async ({ args, opts }, ctx) => {
  const o = parseOptions(optionsSchema, opts);
  const file = capturePath(ctx.cwd, String(args[0]));
  await assertReadableFile(file, '<capture>');
  await loadKnownSecrets(ctx);
  let skipped = 0;
  const store = await fileStore(file, {
    onSkip: () => (skipped += 1),
    onIndexed: (count) =>
      ctx.io.info(`inspect: ${count} records${skipped ? `, ${skipped} lines that are not records skipped` : ''}`),
  });
  ctx.defer(() => store.close());
  let page;
  try {
    page = await startInspector(
      {
        store,
        catalog: await userCatalog(ctx),
        configDir: await configDir(ctx),
        source: basename(file),
        live: false,
      },
      { port: o.port },
    );
  } catch (err) {
    throw new FailedError(`--port ${o.port}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, {
      hint: 'Pick another port, or leave --port out for a free one.',
    });
  }
  ctx.defer(() => page.close());
  ctx.io.err(`ready ${JSON.stringify({ ui: page.url })}`);
  if (o.open && ctx.io.streams.stderr.isTTY) openInBrowser(page.url, ctx.env);
  await waitForAbort(ctx.signal);
  return EXIT.ok;
};

export default handler;
