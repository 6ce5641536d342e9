/**
 * `sandbox --help` names each admin path with the server that serves it; every name it prints
 * must answer on that server (not 404) and be unknown to the other where it says "only".
 */
import { describe, expect, it } from 'vitest';
import { request } from 'undici';
import { startSandbox } from '../../../src/sandbox/index.js';
import { runCli } from '../../helpers/run-cli.js';

function paths(text: string): string[] {
  return [...text.matchAll(/\/_sandbox\/[a-z-]+(?!\/\{)(?=[,.\s])/g)].map((m) => m[0]);
}

describe('sandbox --help', () => {
  it('lists each admin path under the server that serves it', async () => {
    const help = (await runCli(['sandbox', '--help'])).stdout.replace(/\n/g, ' ');
    const both = paths(help.slice(help.indexOf('on both servers'), help.indexOf('Omnidesk only')));
    const od = paths(help.slice(help.indexOf('Omnidesk only'), help.indexOf('HelpDeskEddy only')));
    const hde = paths(help.slice(help.indexOf('HelpDeskEddy only'), help.indexOf('Ctrl-C')));
    expect(both).toContain('/_sandbox/info');
    expect(od).toContain('/_sandbox/rules');
    expect(hde).toContain('/_sandbox/dispatcher-rules');
    const sandbox = await startSandbox();
    try {
      const status = async (base: string, path: string) => {
        const r = await request(`${base}${path}`);
        await r.body.dump();
        return r.statusCode;
      };
      for (const p of both) {
        expect(await status(sandbox.omnidesk.url, p), p).not.toBe(404);
        expect(await status(sandbox.helpdeskeddy.url, p), p).not.toBe(404);
      }
      for (const p of od) expect(await status(sandbox.omnidesk.url, p), p).not.toBe(404);
      for (const p of hde) expect(await status(sandbox.helpdeskeddy.url, p), p).not.toBe(404);
      expect(await status(sandbox.helpdeskeddy.url, '/_sandbox/rules')).toBe(404);
    } finally {
      await sandbox.close();
    }
  });
});
