/**
 * `omnibot demo` as data: starts the sandbox with the reference bot in this process, writes a
 * config for them into a temporary folder, runs `apply` (the sandbox performs the manual steps
 * through its admin path) and `verify --e2e`, then stops everything. The inner commands get
 * their own quiet context whose config is the temporary one; the demo prints for them.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createContext } from '../context.js';
import { type Context } from '../../kit/context.js';
import type { ApplyResult } from '../../engine/types.js';
import { helpdesk, type HelpdeskKind } from '../../helpdesks/registry.js';
import type { RunningSandbox } from '../../sandbox/index.js';
import { NonInteractivePrompter } from '../../core/io/prompter.js';
import type { VerifyReport } from '../../verify/report.js';
import type { TimelineEvent } from '../../verify/timeline.js';

export type DemoHelpdesk = HelpdeskKind;

export interface DemoOptions {
  helpdesk: DemoHelpdesk;
  /** Keep the sandbox, the bot and the folder until Ctrl-C (`onKept` prints how to use them). */
  keep?: boolean;
  onKept?(result: DemoResult): void;
  onProgress?(line: string): void;
  onTimeline?(event: TimelineEvent): void;
  /** How long verify waits for each hop (the sandbox answers in milliseconds). */
  timeoutMs?: number;
}

export interface DemoResult {
  ok: boolean;
  helpdesk: DemoHelpdesk;
  durationMs: number;
  sandbox: Record<string, string>;
  /** The temporary folder with the demo config (removed when the demo ends). */
  dir: string;
  configFile: string;
  apply: ApplyResult;
  verify: VerifyReport;
}

export const DEMO_LABEL = 'omnibot-demo';
const KEY_VAR = 'OMNIBOT_DEMO_API_KEY';
const TOKEN_VAR = 'OMNIBOT_DEMO_BOT_TOKEN';

/** The config the demo writes: the helpdesk's demo recipe, pointed at the sandbox and the reference bot. */
function demoConfig(ctx: Context, kind: DemoHelpdesk, sandbox: RunningSandbox, email: string): unknown {
  const def = ctx.registry.integrations.find((d) => d.helpdesk === kind && d.demo);
  if (!def?.demo) throw new Error(`no recipe offers a demo for ${kind}`);
  const botUrl = sandbox.bot!.urls[kind];
  const integration = def.demo({
    botUrl,
    agent: 'operator@sandbox.test',
    label: DEMO_LABEL,
    tokenRef: `\${${TOKEN_VAR}}`,
  });
  return {
    [kind]: { url: sandbox[kind].url, email, apiKey: `\${${KEY_VAR}}` },
    integrations: [{ recipe: def.name, name: 'demo', ...integration }],
  };
}

export async function runDemo(options: DemoOptions, ctx: Context): Promise<DemoResult> {
  const t0 = Date.now();
  const progress = options.onProgress ?? (() => undefined);
  const { startSandbox, DEFAULT_API_KEY, DEFAULT_EMAIL } = await import('../../sandbox/index.js');
  // The temp folder as os.tmpdir() would pick it, but from the run's env rather than the process's.
  const dir = await mkdtemp(join(ctx.env.TMPDIR || ctx.env.TMP || ctx.env.TEMP || tmpdir(), 'omnibot-demo-'));
  const sandbox = await startSandbox({ bot: 'reference' });
  let inner: Context | undefined;
  try {
    const urls = sandbox.urls();
    const kind = options.helpdesk;
    progress(`sandbox   ${helpdesk(kind).title} ${sandbox[kind].url} · reference bot ${sandbox.bot!.urls[kind]}`);
    const file = join(dir, 'omnibot.config.json');
    await writeFile(file, JSON.stringify(demoConfig(ctx, kind, sandbox, DEFAULT_EMAIL), null, 2) + '\n');
    await writeFile(join(dir, '.env'), `${KEY_VAR}=${DEFAULT_API_KEY}\n${TOKEN_VAR}=demo-bot-token-0000\n`, {
      mode: 0o600,
    });
    progress(`config    ${file}`);

    // The inner commands run quietly against the temporary config; the demo narrates.
    const { stdout, stderr, env } = ctx.io.streams;
    inner = createContext(
      { ...ctx.flags, config: file, quiet: true, json: false },
      {
        stdout,
        stderr,
        stdin: ctx.stdin,
        env,
        cwd: dir,
        prompter: new NonInteractivePrompter(),
        signal: ctx.signal,
        now: () => ctx.now(),
      },
    );
    const loaded = await inner.loadConfig();
    const { apply } = await import('../../engine/apply.js');
    const applied = await apply(loaded.config!, {
      io: inner.io,
      signal: ctx.signal,
      stateFile: loaded.stateFile,
      lang: 'en',
      registry: ctx.registry,
    });
    const s = applied.summary;
    const left = s.pending ? ` · ${s.pending} left for a person (settings no API reaches)` : '';
    progress(
      `apply     ${s.created} created through the API · ${s.sandbox} manual step${s.sandbox === 1 ? '' : 's'} ` +
        `performed by the sandbox${left}`,
    );

    progress('verify    --e2e');
    const { runVerify } = await import('../../engine/verify.js');
    const { report } = await runVerify(
      { e2e: true, timeoutMs: options.timeoutMs ?? 15_000, onTimeline: options.onTimeline },
      inner,
    );
    const result: DemoResult = {
      ok: report.ok,
      helpdesk: options.helpdesk,
      durationMs: Date.now() - t0,
      sandbox: urls,
      dir,
      configFile: file,
      apply: applied,
      verify: report,
    };
    if (options.keep && !ctx.signal.aborted) {
      options.onKept?.(result);
      await new Promise<void>((resolve) => ctx.signal.addEventListener('abort', () => resolve(), { once: true }));
    }
    return result;
  } finally {
    await inner?.dispose();
    await sandbox.close();
    await rm(dir, { recursive: true, force: true });
  }
}
