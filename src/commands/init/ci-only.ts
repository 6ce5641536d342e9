/**
 * `init --ci github` where the config already exists: the config is read, never rewritten, and
 * only the workflow is written (or the config joins the matrix of the workflow already there).
 */
import { configExplorer } from '../../config/load.js';
import { ConfigError } from '../../core/errors.js';
import type { NextStep } from '../../kit/integration.js';
import type { InitOptions } from './action.js';
import { referencedVars, writeCiWorkflow } from './ci-workflow.js';

export interface CiOnlyResult {
  config: string;
  files: Array<{ path: string; note?: string }>;
  ciOnly: true;
  next: NextStep[];
}

export async function ciOnly(target: string, options: InitOptions, show: (p: string) => string): Promise<CiOnlyResult> {
  const explorer = await configExplorer();
  let raw: unknown;
  try {
    raw = (await explorer.load(target))?.config;
  } catch (err) {
    throw new ConfigError(`${show(target)} could not be read, so no workflow was written.`, {
      code: 'config_parse',
      cause: err,
      hint: '`omnibot plan` names the problem with its line and column.',
    });
  }
  const vars = referencedVars(raw ?? {});
  const written = await writeCiWorkflow({ config: target, vars, pkg: options.ciPackage, force: options.force, show });
  const next: NextStep[] = [
    ...vars.map((v): NextStep => [`gh secret set ${v}`, 'a repository secret the workflow maps onto the variable']),
    [`git add ${written.path}`, 'commit it; the next push runs omnibot verify'],
  ];
  return { config: target, files: [written], ciOnly: true, next };
}
