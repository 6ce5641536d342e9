/**
 * Finds, reads and validates the config. Precedence: flags > environment > config file >
 * defaults. `${NAME}` in any string reads the environment, with a `.env` beside the config as
 * a fallback. The loader reports problems as one ConfigError that names the file and the field.
 */
import { dirname, join, resolve } from 'node:path';
import { ConfigError } from '../core/errors.js';
import { isForbiddenKey } from '../core/php-form.js';
import type { GlobalFlags, Io } from '../core/io/io.js';
import { registerSecret } from '../core/io/secrets.js';
import { readEnvFile } from './env-file.js';
import { exposedEnv } from './env-mode.js';
import { assertReasonableShape } from './shape-limits.js';
import { syntaxProblem, where } from './syntax-error.js';
import { describeKeySource } from './key-source.js';
import { normalizeHelpdeskUrl } from '../core/urls.js';
import { HELPDESKS } from '../helpdesks/registry.js';
import type { Registry } from '../kit/registry.js';
import type { LoadConfigOptions, LoadedConfig } from '../model/config.js';
import { configJsonSchema, configSchema, secretKeys } from './schema.js';
import { describeIssues } from './schema-issues.js';
import { didYouMean } from '../core/did-you-mean.js';

export type { LoadConfigOptions, LoadedConfig };

export const SEARCH_PLACES = [
  'package.json',
  '.omnibotrc',
  '.omnibotrc.json',
  '.omnibotrc.yaml',
  '.omnibotrc.yml',
  'omnibot.config.json',
  'omnibot.config.yaml',
  'omnibot.config.yml',
  'omnibot.config.js',
  'omnibot.config.mjs',
  'omnibot.config.cjs',
];

/** Environment variables that override the file, one per connection field of each helpdesk. */
export const ENV_OVERRIDES: Array<[string, string, string]> = HELPDESKS.flatMap((h) => [
  [h.env.url, h.kind, 'url'],
  [h.env.email, h.kind, 'email'],
  [h.env.apiKey, h.kind, 'apiKey'],
]);

interface LoaderArgs extends LoadConfigOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  flags: GlobalFlags;
  io?: Io;
  /** The integrations whose keys the config may hold. */
  registry: Registry;
}

/**
 * cosmiconfig wraps the parser's message as "JSON Error in <file>:\n<problem>\n<code frame>";
 * the one line worth printing is the problem itself (it carries the line and column).
 */
function parseProblem(message: string): string {
  const lines = message
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const problem = lines.find((l) => !/^(JSON|YAML|JS) Error in /.test(l)) ?? lines[0] ?? message;
  return problem.replace(/\s+/g, ' ');
}

/** The one way omnibot finds a config file: SEARCH_PLACES, from the cwd up to the project root, uncached. */
export async function configExplorer() {
  const { cosmiconfig } = await import('cosmiconfig');
  return cosmiconfig('omnibot', { searchPlaces: SEARCH_PLACES, searchStrategy: 'project', cache: false });
}

async function findFile(
  cwd: string,
  explicit: string | undefined,
): Promise<{ file: string; raw: unknown } | undefined> {
  const found = await readConfigFile(cwd, explicit);
  if (found) assertReasonableShape(found.raw, found.file);
  return found;
}

async function readConfigFile(
  cwd: string,
  explicit: string | undefined,
): Promise<{ file: string; raw: unknown } | undefined> {
  const explorer = await configExplorer();
  try {
    if (explicit) {
      const result = await explorer.load(resolve(cwd, explicit));
      return result ? { file: result.filepath, raw: result.config } : undefined;
    }
    const result = await explorer.search(cwd);
    return result && !result.isEmpty ? { file: result.filepath, raw: result.config } : undefined;
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'ENOENT') {
      throw new ConfigError(`Config file not found: ${explicit}`, {
        code: 'config_not_found',
        hint: 'Check the --config path, or run `omnibot init` to write one.',
      });
    }
    const file = explicit ? resolve(cwd, explicit) : (e as { filepath?: string }).filepath;
    const problem = file
      ? await syntaxProblem(file, e, parseProblem(String(e.message)))
      : { reason: parseProblem(String(e.message)) };
    throw new ConfigError(`${where(file ?? 'the config file', problem)}: ${problem.reason}`, {
      code: 'config_parse',
      hint:
        'Fix the JSON or YAML syntax at that line and column ' +
        '(a missing bracket, comma or quote is the usual cause).',
      details: { file, line: problem.line, column: problem.column },
    });
  }
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

interface InterpolateScope {
  env: Record<string, string | undefined>;
  file: string;
  literalSecrets: string[];
  allowUnset: boolean;
  secretKeys: Set<string>;
}

/** Replaces `${NAME}` everywhere; an unset variable is an error naming the field. */
/** The first `${…}` that is not a plain `${NAME}` (`${}`, `${${A}}`, `${A B}`, an unclosed `${`). */
function brokenReference(value: string): string | undefined {
  for (let at = value.indexOf('${'); at !== -1; at = value.indexOf('${', at + 2)) {
    const m = /^\$\{[A-Za-z_][A-Za-z0-9_]*\}/.exec(value.slice(at));
    if (!m) {
      const close = value.indexOf('}', at);
      return value.slice(at, close === -1 ? undefined : close + 1);
    }
  }
  return undefined;
}

function interpolate(value: Json, path: string, scope: InterpolateScope): Json {
  const { env, file, literalSecrets } = scope;
  if (typeof value === 'string') {
    const key = path.split('.').pop() ?? '';
    if (scope.secretKeys.has(key) && !value.includes('${') && value.length > 0) literalSecrets.push(path);
    const broken = brokenReference(value);
    if (broken !== undefined) {
      throw new ConfigError(`${file}: ${path} has "${broken}", which is not a variable reference`, {
        code: 'config_bad_reference',
        hint: 'Write ${NAME}, where NAME is letters, digits and _ (not starting with a digit); references do not nest.',
        details: { field: path },
      });
    }
    return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_m, name: string) => {
      const v = env[name];
      if (v === undefined || v === '') {
        if (scope.allowUnset) return `\${${name}}`;
        throw new ConfigError(`${file}: ${path} uses \${${name}}, but ${name} is not set`, {
          code: 'config_env_unset',
          hint: `Set ${name} in the environment or in ${join(dirname(file), '.env')}.`,
          details: { field: path, variable: name },
        });
      }
      return v;
    });
  }
  if (Array.isArray(value)) return value.map((v, i) => interpolate(v, `${path}[${i}]`, scope));
  if (value && typeof value === 'object') {
    const out: Record<string, Json> = {};
    for (const [k, v] of Object.entries(value)) {
      const at = path ? `${path}.${k}` : k;
      // Never a key of a config: assigning it would swap the prototype of what the schema reads.
      if (isForbiddenKey(k)) {
        throw new ConfigError(`${file}: ${at}: "${k}" is not allowed as a key`, {
          code: 'config_invalid',
          hint: 'Remove that key.',
          details: { field: at },
        });
      }
      out[k] = interpolate(v, at, scope);
    }
    return out;
  }
  return value;
}

function setPath(obj: Record<string, unknown>, dotted: string, value: unknown): void {
  const [section, key] = dotted.split('.') as [string, string];
  const target = (obj[section] ??= {}) as Record<string, unknown>;
  target[key] = value;
}

function helpdeskEnv(kind: string): string {
  return ENV_OVERRIDES.find(([, section, key]) => section === kind && key === 'apiKey')?.[0] ?? '';
}

/** An unresolved `${NAME}` (allowUnsetVars) is a placeholder people must see, not a secret. */
function registerResolvedSecret(value: string): void {
  if (!/^\$\{[A-Za-z_][A-Za-z0-9_]*\}$/.test(value)) registerSecret(value);
}

export async function loadConfig(args: LoaderArgs): Promise<LoadedConfig> {
  const found = await findFile(args.cwd, args.flags.config);
  const dir = found ? dirname(found.file) : args.cwd;
  const dotenv = await readEnvFile(join(dir, '.env'));
  const env: Record<string, string | undefined> = { ...dotenv, ...args.env };
  const stateFile = join(dir, '.omnibot', 'state.json');
  const warnings: string[] = [];
  const exposed = await exposedEnv(join(dir, '.env'));
  const exposure = exposed ? { exposedEnv: exposed } : {};

  if (!found) {
    if (args.required === false) return { config: undefined, dir, stateFile, env, warnings, ...exposure };
    throw new ConfigError(`No omnibot config found in ${args.cwd} or above.`, {
      code: 'config_not_found',
      hint: `Run \`omnibot init\`, or pass --config <file>. Searched: ${SEARCH_PLACES.join(', ')}.`,
    });
  }
  const file = found.file;
  if (found.raw === null || typeof found.raw !== 'object' || Array.isArray(found.raw)) {
    throw new ConfigError(`${file}: the config must be an object with "integrations"`, { code: 'config_invalid' });
  }

  const literalSecrets: string[] = [];
  const secrets = secretKeys(args.registry);
  const resolved = interpolate(found.raw as Json, '', {
    env,
    file,
    literalSecrets,
    allowUnset: Boolean(args.allowUnsetVars),
    secretKeys: secrets,
  }) as Record<string, unknown>;
  for (const path of literalSecrets) {
    warnings.push(
      `${file}: ${path} holds a literal secret; write "\${NAME}" and keep the value in .env or the environment.`,
    );
  }
  for (const [name, section, key] of ENV_OVERRIDES) {
    const v = args.env[name];
    if (v !== undefined && v !== '') setPath(resolved, `${section}.${key}`, v);
  }
  for (const [dotted, v] of Object.entries(args.overrides ?? {})) if (v !== undefined) setPath(resolved, dotted, v);

  const parsed = (await configSchema(args.registry)).safeParse(resolved);
  if (!parsed.success) {
    const schema = await configJsonSchema(args.registry);
    const lines = describeIssues(parsed.error.issues, resolved, schema, (issue) => {
      if (issue.path.at(-1) !== 'recipe' || issue.code !== 'invalid_union') return undefined;
      // zod 4 leaves the rejected value off a failed discriminator; read it from the input.
      const value = issue.path.reduce<unknown>(
        (node, key) => (node as Record<PropertyKey, unknown> | undefined)?.[key],
        resolved,
      );
      const names = args.registry.names();
      const typed = JSON.stringify(value ?? null);
      return `unknown recipe ${typed}${didYouMean(String(value), names)}; known: ${names.join(', ')}`;
    });
    const message =
      lines.length === 1
        ? `${file}: ${lines[0]}`
        : `${file}: ${lines.length} problems:\n${lines.map((l) => `  - ${l}`).join('\n')}`;
    throw new ConfigError(message, {
      code: 'config_invalid',
      hint:
        `Fix the ${lines.length === 1 ? 'field' : 'fields'} above; ` +
        '`omnibot schema` prints the JSON Schema for editors.',
      details: { file, issues: lines },
    });
  }
  const config = parsed.data;
  for (const { kind, domain } of HELPDESKS) {
    const conn = config[kind];
    if (!conn) continue;
    try {
      conn.url = normalizeHelpdeskUrl(conn.url, domain);
    } catch (err) {
      throw new ConfigError(`${file}: ${kind}.url ${(err as Error).message}`, { code: 'config_invalid' });
    }
    registerResolvedSecret(conn.apiKey);
    const overridden = args.overrides?.[`${kind}.apiKey`] !== undefined;
    conn.keySource = describeKeySource({
      written: (found.raw as Record<string, unknown>)[kind],
      overrideVar: helpdeskEnv(kind),
      env: args.env,
      dotenv,
      file,
      dir,
      flag: overridden ? 'the value given to this command' : undefined,
    });
  }
  for (const it of config.integrations as unknown as Array<Record<string, unknown>>) {
    for (const key of secrets) if (typeof it[key] === 'string') registerResolvedSecret(it[key]);
  }
  for (const w of warnings) args.io?.warn(w);
  return { config, file, dir, stateFile, env, warnings, ...exposure };
}
