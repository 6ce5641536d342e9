/** `omnibot inspect` and `listen --ui`, in process: bad input is exit 2 naming it; the ready line carries "ui". */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, startCli } from '../../helpers/run-cli.js';
import { tempDir } from '../../helpers/temp-dir.js';

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ dir, cleanup } = await tempDir('omnibot-inspect-cmd-')));
afterAll(() => cleanup());

describe('omnibot inspect', () => {
  it('a missing capture or a bad --port is exit 2 naming it', async () => {
    const missing = await runCli(['inspect', join(dir, 'nope.ndjson')], { cwd: dir });
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toContain('<capture>');
    await writeFile(join(dir, 'c.ndjson'), '');
    const port = await runCli(['inspect', 'c.ndjson', '--port', '0x10'], { cwd: dir });
    expect(port.exitCode).toBe(2);
    expect(port.stderr).toContain('--port');
  });

  it('serves an empty capture and says where, then stops on the signal with 0', async () => {
    const cli = startCli(['inspect', 'c.ndjson', '--no-open'], { cwd: dir });
    const ready = await cli.ready();
    expect(ready.ui).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]{32}$/);
    const res = await fetch(ready.ui!.replace(/#.*/, 'api/info'), {
      headers: { 'x-omnibot-token': ready.ui!.split('#token=')[1]! },
    });
    expect(await res.json()).toMatchObject({ source: 'c.ndjson', live: false, count: 0 });
    expect((await cli.stop()).exitCode).toBe(0);
  });

  it('listen --ui puts the page in the ready line beside the receiver', async () => {
    const cli = startCli(['listen', '--port', '0', '--ui', '--no-open'], { cwd: dir });
    const ready = await cli.ready();
    expect(ready.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(ready.ui).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=/);
    expect(new URL(ready.ui!).port).not.toBe(new URL(ready.url!).port);
    expect((await cli.stop()).exitCode).toBe(0);
  });
});
