/**
 * The built-in integrations, in the order `init` offers them. Everything else derives from
 * this list: the config schema's union, init's recipe choice and flags, verify's checks,
 * token's targets and the extra commands. Reading it is cheap: each definition loads its
 * resources, checks and questions only when a command uses them.
 */
import type { AnyIntegration } from '../kit/registry.js';
import { billmanager } from './billmanager/index.js';
import { chaport } from './chaport/index.js';
import { helpdeskeddyBot } from './helpdeskeddy-bot/index.js';
import { omnideskBot } from './omnidesk-bot/index.js';
import { omnideskCustomChannel } from './omnidesk-custom-channel/index.js';

export const INTEGRATIONS: readonly AnyIntegration[] = [
  omnideskBot,
  helpdeskeddyBot,
  omnideskCustomChannel,
  billmanager,
  chaport,
];
