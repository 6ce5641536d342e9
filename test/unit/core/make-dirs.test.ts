import { stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeDirs } from '../../../src/core/make-dirs.js';
import { runCli } from '../../helpers/run-cli.js';
import { tempDir } from '../../helpers/temp-dir.js';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

describe('makeDirs', () => {
  it('creates every missing level with the mode asked, and is a no-op when the folder exists', async () => {
    const tmp = await tempDir();
    cleanup = tmp.cleanup;
    const deep = join(tmp.dir, 'a', 'b', 'c');
    await makeDirs(deep, 0o700);
    expect((await stat(deep)).isDirectory()).toBe(true);
    expect((await stat(join(tmp.dir, 'a'))).mode & 0o777).toBe(0o700);
    await expect(makeDirs(deep)).resolves.toBeUndefined();
  });

  it('refuses a path through a file with ENOTDIR', async () => {
    const tmp = await tempDir();
    cleanup = tmp.cleanup;
    await writeFile(join(tmp.dir, 'file'), 'x');
    await expect(makeDirs(join(tmp.dir, 'file', 'sub'))).rejects.toMatchObject({ code: 'ENOTDIR' });
  });

  // Node's recursive mkdir never settles under /proc; this one answers with the filesystem's error.
  it.runIf(process.platform === 'linux')('ends under /proc instead of hanging', async () => {
    await expect(makeDirs('/proc/omnibot-no-such/dir')).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it.runIf(process.platform === 'linux')(
    'listen --capture under /proc is exit 2 naming the flag, at once',
    async () => {
      const r = await runCli(['listen', '--capture', '/proc/omnibot-no-such/capture.ndjson', '--port', '0']);
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toContain('--capture: cannot write /proc/omnibot-no-such/capture.ndjson');
    },
  );
});
