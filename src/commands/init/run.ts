/**
 * `omnibot init`: asks (or takes from flags) the account, credentials, agent, label, webhook
 * URL and note option; proves the credentials against the live API; then writes the config
 * with the key as `${VAR}`, and optionally `.env`, `.gitignore` lines and a CI workflow.
 */
import { dirname, join, relative, resolve } from 'node:path';
import { readEnvFile, upsertEnvFile } from '../../config/env-file.js';
import { configSchema } from '../../config/schema.js';
import { normalizeHelpdeskUrl } from '../../config/urls.js';
import type { Context } from '../../context.js';
import { AuthError, CancelledError, UsageError } from '../../errors.js';
import { registerSecret } from '../../io/secrets.js';
import type { Label, Staff } from '../../omnidesk/types.js';
import { findStaff } from '../../recipes/omnidesk-bot/agent.js';
import { OMNIDESK_API_KEY_VAR } from '../../recipes/omnidesk-bot/credentials.js';
import { ADMIN_PAGES, API_KEY_PATH, adminPage } from '../../steps/omnidesk-ui.js';
import type { InitOptions } from './action.js';
import { backup, ciWorkflow, ensureGitignore, refuseOverwrite, writeAtomic } from './files.js';
import { askAgent, askApiKey, askEmail, askLabel, askName, askReplyAsNote, askUrl, askWebhookUrl, askWriteEnv } from './prompts.js';

export interface InitResult {
  config: string;
  files: Array<{ path: string; note?: string }>;
  integration: string;
  account: string;
  agent: string;
  label: string;
  /** False when apply will create the label. */
  labelExists: boolean;
  sandbox: boolean;
}

interface Live {
  staff: Staff[];
  labels: Label[];
  sandbox: boolean;
}

/** Without a terminal every required answer must come from a flag: say which are missing, all at once. */
function requireFlags(options: InitOptions): void {
  const required: Array<[keyof InitOptions, string]> = [
    ['url', '--url'],
    ['email', '--email'],
    ['agent', '--agent'],
    ['label', '--label'],
    ['webhookUrl', '--webhook-url'],
  ];
  const missing = required.filter(([key]) => options[key] === undefined).map(([, flag]) => flag);
  if (missing.length) {
    throw new UsageError(`init: missing ${missing.join(', ')}, and no terminal to ask.`, {
      hint: 'Pass the flags, or run `omnibot init` at a terminal to answer the questions.',
      details: { flag: missing[0], missing },
    });
  }
}

async function findKey(options: InitOptions, ctx: Context, dir: string): Promise<string | undefined> {
  const varName = options.apiKeyEnv ?? OMNIDESK_API_KEY_VAR;
  const value = ctx.env[varName] || (await readEnvFile(join(dir, '.env')))[varName];
  if (value) return value;
  if (!ctx.prompter.interactive) {
    throw new UsageError(`--api-key-env: ${varName} is not set (neither in the environment nor in ${join(dir, '.env')}).`, {
      hint: `Set ${varName} to the Omnidesk API key, or pass --api-key-env <NAME> naming the variable that holds it.`,
      details: { flag: '--api-key-env', variable: varName },
    });
  }
  return undefined;
}

async function checkLive(url: string, email: string, apiKey: string, ctx: Context): Promise<Live> {
  const { createOmnideskClient } = await import('../../omnidesk/http.js');
  const api = createOmnideskClient({ url, email, apiKey, signal: ctx.signal, log: (l) => ctx.io.debug(l) });
  ctx.io.info(`Checking the credentials at ${url} …`);
  const staff = await api.listStaff();
  const labels = await api.listLabels();
  const sandbox = await api.isSandbox();
  ctx.io.info(`The API accepts the key of ${email}${sandbox ? ' (this is the omnibot sandbox)' : ''}.`);
  return { staff, labels, sandbox };
}

function checkAgentFlag(ref: string, staff: Staff[]): void {
  const agent = findStaff(staff, ref);
  if (agent?.active) return;
  const active = staff.filter((s) => s.active).map((s) => s.staff_email);
  const why = agent ? `${agent.staff_email} is inactive` : `no staff member "${ref}"`;
  throw new UsageError(`--agent: ${why} in this account (active: ${active.join(', ') || 'none'}).`, { details: { flag: '--agent' } });
}

export async function run(options: InitOptions, ctx: Context): Promise<InitResult> {
  const p = ctx.prompter;
  const target = resolve(ctx.cwd, options.output);
  const dir = dirname(target);
  const ciFile = join(dir, '.github', 'workflows', 'omnibot.yml');
  const varName = options.apiKeyEnv ?? OMNIDESK_API_KEY_VAR;
  await refuseOverwrite(target, options.force, ctx.cwd);
  if (options.ci) await refuseOverwrite(ciFile, options.force, ctx.cwd);
  if (!p.interactive) requireFlags(options);

  const url = normalizeHelpdeskUrl(await askUrl(p, options.url), 'omnidesk');
  let email = await askEmail(p, options.email);
  let apiKey = await findKey(options, ctx, dir);
  let typed = false;
  if (apiKey === undefined) {
    ctx.io.info(`The API key is made at ${API_KEY_PATH.en}: ${adminPage(url, ADMIN_PAGES.apiKey)}`);
    apiKey = await askApiKey(p, varName);
    typed = true;
  }
  registerSecret(apiKey);

  let live: Live;
  for (;;) {
    try {
      live = await checkLive(url, email, apiKey, ctx);
      break;
    } catch (err) {
      // At a terminal a typo in the e-mail or key is worth another try; a script gets exit 3.
      if (!(err instanceof AuthError) || !p.interactive) throw err;
      ctx.io.warn(`${err.message}${err.hint ? ` ${err.hint}` : ''}`);
      email = await askEmail(p, undefined, email);
      apiKey = await askApiKey(p, varName);
      registerSecret(apiKey);
      typed = true;
    }
  }

  if (options.agent !== undefined) checkAgentFlag(options.agent, live.staff);
  const agent = await askAgent(p, options.agent, live.staff);
  const label = await askLabel(p, options.label, live.labels);
  const webhookUrl = await askWebhookUrl(p, options.webhookUrl);
  const replyAsNote = await askReplyAsNote(p, options.replyAsNote);
  const name = await askName(p, options.name, label);
  const writeEnv = await askWriteEnv(p, options.writeEnv, typed, varName);

  const config = {
    omnidesk: { url, email, apiKey: `\${${varName}}` },
    integrations: [{ recipe: 'omnidesk-bot', name, webhookUrl, label, agent, replyAsNote }],
  };
  const parsed = configSchema.safeParse(config);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UsageError(`The answers do not make a valid config: ${issue.path.join('.')}: ${issue.message}`);
  }
  if (ctx.signal.aborted) throw new CancelledError('Cancelled; nothing was written.');

  const files: InitResult['files'] = [];
  const show = (path: string) => relative(ctx.cwd, path) || path;
  const bak = options.force ? await backup(target) : undefined;
  await writeAtomic(target, JSON.stringify(config, null, 2) + '\n');
  files.push({ path: show(target), note: bak ? `previous one kept as ${show(bak)}` : undefined });
  if (writeEnv) {
    await upsertEnvFile(join(dir, '.env'), { [varName]: apiKey });
    files.push({ path: show(join(dir, '.env')), note: `${varName}, mode 0600` });
    const added = await ensureGitignore(dir, ['.env', '.omnibot/']);
    if (added.length) files.push({ path: show(join(dir, '.gitignore')), note: `added ${added.join(', ')}` });
  } else if (typed) {
    ctx.io.warn(`The config reads the key from \${${varName}}: set ${varName} in the environment (or rerun with --write-env).`);
  }
  if (options.ci) {
    if (options.force) await backup(ciFile);
    await writeAtomic(ciFile, await ciWorkflow(varName));
    files.push({ path: show(ciFile), note: `add the ${varName} secret to the repository` });
  }
  return {
    config: target,
    files,
    integration: name,
    account: url,
    agent,
    label,
    labelExists: live.labels.some((l) => l.label_title === label),
    sandbox: live.sandbox,
  };
}
