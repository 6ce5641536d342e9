/**
 * The clients of one engine run: injected ones where given (tests, the demo), lazy real ones
 * otherwise, with the run's signal, its debug log and the per-account ledger beside the state.
 */
import { dirname } from 'node:path';
import { lazyClients, type ClientSet } from '../helpdesks/clients.js';
import type { Config } from '../model/config.js';
import type { EngineContext } from './types.js';

export function engineClients(
  config: Config,
  ectx: Pick<EngineContext, 'clients' | 'signal' | 'io'> & Partial<Pick<EngineContext, 'stateFile' | 'ignoreBan'>>,
): ClientSet {
  return lazyClients(config, ectx.clients, {
    signal: ectx.signal,
    log: (line) => ectx.io.debug(line),
    progress: (line) => ectx.io.progress(line),
    ...(ectx.stateFile ? { ledgerDir: dirname(ectx.stateFile) } : {}),
    ignoreBan: ectx.ignoreBan,
  });
}
