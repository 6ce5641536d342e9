import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/run-cli.js';

describe('omnibot schema', () => {
  it('prints the config JSON Schema, with every recipe and the secret convention', async () => {
    const r = await runCli(['schema']);
    expect(r.exitCode, r.stderr).toBe(0);
    const schema = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(schema.type).toBe('object');
    const text = r.stdout;
    for (const recipe of ['omnidesk-bot', 'omnidesk-custom-channel', 'helpdeskeddy-bot', 'billmanager', 'chaport'])
      expect(text).toContain(`"${recipe}"`);
    expect(text).toContain('${NAME}');
    expect((schema.properties as Record<string, unknown>).integrations).toBeDefined();
  });

  it('needs no config file', async () => {
    const r = await runCli(['schema'], { cwd: '/' });
    expect(r.exitCode).toBe(0);
  });
});
