/**
 * `omnibot init`: picks the recipe (so the helpdesk), takes the connection from the appended
 * config or asks for it and proves it live, asks the recipe's questions, then writes the config
 * with every secret as `${VAR}`, and optionally `.env` (the key, and a bot token or BILLmanager
 * secret made by `omnibot token generate`'s code), `.gitignore` lines and a CI workflow. Every
 * question comes before the first write, so Ctrl-C or a failure leaves nothing half-written.
 */
import { dirname, join, relative, resolve } from 'node:path';
import { upsertEnvFile } from '../../config/env-file.js';
import { configSchema } from '../../config/schema.js';
import type { HelpdeskKind } from '../../helpdesks/registry.js';
import type { GeneratedSecret, InitContext, NextStep } from '../../kit/integration.js';
import type { AnyIntegration } from '../../kit/registry.js';
import type { Context } from '../../kit/context.js';
import { CancelledError, UsageError } from '../../core/errors.js';
import { t, type Lang } from '../../core/localized.js';
import type { InitOptions } from './action.js';
import { connect, type Connection } from './connect.js';
import { existingSection, mergeConfig, readExisting, refuseDuplicate } from './existing.js';
import { ensureGitignore } from '../../config/gitignore.js';
import { backup, exists, refuseOverwrite, writeAtomic } from './files.js';
import { askCi, askName, askWriteEnv } from './prompts.js';
import { referencedVars, writeCiWorkflow } from './ci-workflow.js';
import type { CiOnlyResult } from './ci-only.js';
import { chooseRecipe, flagKey } from './recipes.js';
import { existingSecret, generateCommand, makeSecret, type SecretOutcome } from './secrets.js';
import { checkFlag, checkName } from '../../kit/answer-checks.js';

export interface InitResult {
  config: string;
  files: Array<{ path: string; note?: string }>;
  recipe: string;
  helpdesk: HelpdeskKind;
  integration: string;
  account: string;
  /** True when the integration was added to an existing config. */
  appended: boolean;
  sandbox: boolean;
  secret?: Omit<SecretOutcome, 'where'>;
  next: NextStep[];
  /** Recipe facts: agent, label, labelExists, title, … */
  [key: string]: unknown;
}

/** Without a terminal every required answer must come from a flag: say which are missing, all at once. */
function requireFlags(recipe: AnyIntegration, options: InitOptions, connected: boolean): void {
  const connection: Array<[string, string]> = connected
    ? []
    : [
        ['url', '--url'],
        ['email', '--email'],
      ];
  const own = recipe.init.flags
    .filter((f) => f.required)
    .map((f): [string, string] => [flagKey(f.flags), f.flags.split(' ')[0]!]);
  const missing = [...connection, ...own].filter(([key]) => options[key] === undefined).map(([, flag]) => flag);
  if (missing.length) {
    throw new UsageError(`init: missing ${missing.join(', ')}, and no terminal to ask.`, {
      hint:
        `Pass the flags (see \`omnibot init --help\` for ${recipe.name}), or run \`omnibot init\` at a terminal ` +
        `to answer the questions.`,
      details: { flag: missing[0], missing },
    });
  }
}

/** What --write-env would put in .env, in words for the question; undefined when there is nothing to offer. */
function envOffer(
  conn: Connection,
  secret: GeneratedSecret | undefined,
  secretSet: boolean,
  lang: Lang,
): string | undefined {
  const ru = lang === 'ru';
  const parts = [
    ...(conn.typed && conn.varName ? [ru ? `ключ как ${conn.varName}` : `the key as ${conn.varName}`] : []),
    ...(secret && !secretSet
      ? [ru ? `${secret.what} как ${secret.envVar}` : `${secret.what} as ${secret.envVar}`]
      : []),
  ];
  return parts.length ? parts.join(ru ? ' и ' : ' and ') : undefined;
}

export async function run(options: InitOptions, ctx: Context): Promise<InitResult | CiOnlyResult> {
  const p = ctx.prompter;
  const lang: Lang = options.lang ?? 'ru';
  const target = resolve(ctx.cwd, options.output ?? ctx.flags.config ?? 'omnibot.config.json');
  const dir = dirname(target);
  const show = (path: string) => relative(ctx.cwd, path) || path;

  let append = options.append === true;
  if (options.ci && !append && !options.force && options.recipe === undefined && (await exists(target))) {
    // `init --ci github` beside a config it does not need to touch: only the workflow is written.
    const { ciOnly } = await import('./ci-only.js');
    return ciOnly(target, options, show);
  }
  if (!append && !options.force && p.interactive && (await exists(target))) {
    append = await p.confirm({
      message: t(
        {
          ru: `${show(target)} уже есть: добавить в него новую интеграцию?`,
          en: `${show(target)} exists: add the new integration to it?`,
        },
        lang,
      ),
      flag: '--append',
      default: true,
    });
  }
  if (!append) await refuseOverwrite(target, options.force, ctx.cwd);
  const existing = append ? await readExisting(target, ctx.cwd) : undefined;
  const taken = existing?.names ?? new Set<string>();

  const recipe = await chooseRecipe(p, ctx.registry, options.recipe, options.helpdesk, lang);
  const section = existingSection(existing, recipe.helpdesk);
  if (!p.interactive) requireFlags(recipe, options, section !== undefined);
  // A bad or taken --name is known before any network call.
  if (options.name !== undefined) refuseDuplicate(checkFlag('--name', options.name, checkName), taken, show(target));

  const { conn, live } = await connect(recipe.helpdesk, options, ctx, dir, section);
  const { ask } = await recipe.init.questions();
  const answers = await ask({
    p,
    io: ctx.io,
    flag: (key: string) => (typeof options[key] === 'string' ? options[key] : undefined),
    toggle: (key: string) => (typeof options[key] === 'boolean' ? options[key] : undefined),
    email: conn.email,
    lang,
    // Proven for `recipe.helpdesk`, so its client and staff are that helpdesk's.
    live: live as InitContext<HelpdeskKind>['live'],
  });
  const name = await askName(p, options.name, answers.defaultName, taken, lang);
  refuseDuplicate(name, taken, show(target));
  const secret = answers.secret;
  const secretSet = secret ? (await existingSecret(secret, ctx, dir)) !== undefined : false;
  const writeEnv = await askWriteEnv(p, options.writeEnv, envOffer(conn, secret, secretSet, lang), lang);
  const ci = await askCi(p, options.ci, lang);

  const integration = { recipe: recipe.name, name, ...answers.integration };
  const config = existing
    ? mergeConfig(existing.raw, recipe.helpdesk, conn.section, integration)
    : { [recipe.helpdesk]: conn.section, integrations: [integration] };
  const parsed = (await configSchema(ctx.registry)).safeParse(config);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const what = existing
      ? `${show(target)} with the new integration is not a valid config`
      : 'The answers do not make a valid config';
    throw new UsageError(`${what}: ${issue.path.join('.')}: ${issue.message}`, { details: { file: target } });
  }
  if (ctx.signal.aborted) throw new CancelledError('Cancelled; nothing was written.');

  const files: InitResult['files'] = [];
  const bak = options.force && !existing ? await backup(target) : undefined;
  await writeAtomic(target, JSON.stringify(config, null, 2) + '\n');
  files.push({
    path: show(target),
    note: existing ? `added "${name}"` : bak ? `previous one kept as ${show(bak)}` : undefined,
  });

  const envVars: string[] = [];
  if (writeEnv && conn.varName) {
    await upsertEnvFile(join(dir, '.env'), { [conn.varName]: conn.apiKey });
    envVars.push(conn.varName);
  } else if (conn.typed) {
    ctx.io.warn(
      lang === 'ru'
        ? `Конфиг читает ключ из \${${conn.varName}}: задайте ${conn.varName} в окружении (или запустите init с ` +
            `--write-env).`
        : `The config reads the key from \${${conn.varName}}: set ${conn.varName} in the environment (or rerun with ` +
            `--write-env).`,
    );
  }
  let made: SecretOutcome | undefined;
  const next = answers.next(name);
  if (secret && (writeEnv || secretSet)) {
    made = await makeSecret(secret, name, target, ctx, dir);
    if (made.action === 'generated') envVars.push(made.envVar);
    else
      ctx.io.info(
        lang === 'ru'
          ? `${made.envVar} уже задан (в ${made.where}); init его не менял.`
          : `${made.envVar} is already set (in ${made.where}); init kept it.`,
      );
  } else if (secret) {
    ctx.io.warn(
      lang === 'ru'
        ? `Конфиг читает ${secret.envVar}, а он ещё не задан: выполните \`${generateCommand(name)}\` (или запустите ` +
            `init с --write-env).`
        : `The config reads ${secret.envVar}, which is not set yet: run \`${generateCommand(name)}\` (or rerun init ` +
            `with --write-env).`,
    );
    next.unshift([
      generateCommand(name),
      lang === 'ru'
        ? `создать ${secret.envVar} в .env; конфиг читает его оттуда`
        : `make ${secret.envVar} in .env; the config reads it`,
    ]);
  }
  if (envVars.length) files.push({ path: show(join(dir, '.env')), note: `${envVars.join(', ')}, mode 0600` });
  if (writeEnv) {
    const added = await ensureGitignore(dir);
    if (added.length) files.push({ path: show(join(dir, '.gitignore')), note: `added ${added.join(', ')}` });
  }
  if (ci) {
    const vars = referencedVars(config);
    files.push(await writeCiWorkflow({ config: target, vars, pkg: options.ciPackage, force: options.force, show }));
  }
  return {
    config: target,
    files,
    recipe: recipe.name,
    helpdesk: recipe.helpdesk,
    integration: name,
    account: conn.url,
    appended: existing !== undefined,
    sandbox: live.sandbox,
    ...answers.summary,
    ...(made
      ? {
          secret: {
            envVar: made.envVar,
            action: made.action,
            ...(made.fingerprint ? { fingerprint: made.fingerprint } : {}),
          },
        }
      : {}),
    next,
  };
}
