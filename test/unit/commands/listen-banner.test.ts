import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startCli, type RunningCli } from '../../helpers/run-cli.js';
import { tempDir } from '../../helpers/temp-dir.js';

let running: RunningCli | undefined;
let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await running?.stop();
  await cleanup?.();
  running = cleanup = undefined;
});

describe('listen at a terminal', () => {
  it('prints a banner for people after the ready line: URL, capture, forward target (its token masked)', async () => {
    const tmp = await tempDir();
    cleanup = tmp.cleanup;
    const capture = join(tmp.dir, 'hooks.ndjson');
    const forward = 'http://127.0.0.1:9/api/bots/helpdeskeddy_bot/webhook/tok-3f9a1c77e2b54d08a6';
    running = startCli(['listen', '--port', '0', '--capture', capture, '--forward-to', forward], { isTTY: true });
    const { url } = await running.ready();
    await running.until((_o, err) => err.includes('Ctrl-C stops'), 'the banner');
    const err = running.stderr();
    expect(err).toContain(`Listening on  ${url}`);
    expect(err).toContain(`Capture       ${capture}`);
    expect(err).toMatch(/Forwarding to http:\/\/127\.0\.0\.1:9\/api\/bots\/helpdeskeddy_bot\/webhook\/\S*\*\*\*/);
    expect(err).not.toContain('tok-3f9a1c77e2b54d08a6');
  });

  it('prints only the ready line when stderr is not a terminal', async () => {
    running = startCli(['listen', '--port', '0']);
    await running.ready();
    const { stderr } = await running.stop();
    running = undefined;
    expect(stderr).not.toContain('Listening on');
  });
});
