/**
 * `listen --ui`: the inspector page over this session's records, fed as they are recorded.
 * Replays go to --forward-to by default; promoted samples go beside the config (or the folder
 * listen runs in, when there is none).
 */
import type { Context } from '../../kit/context.js';
import type { CaptureRecord } from '../../capture/record.js';
import { memoryStore } from '../../inspector/store.js';
import { startInspector } from '../../inspector/server.js';
import { configDir, userCatalog } from '../events/user-catalog.js';
import type { ListenSettings } from './options.js';

export async function startLiveInspector(
  ctx: Context,
  settings: ListenSettings,
  receiver: string,
): Promise<{ url: string; push(record: CaptureRecord): void; close(): Promise<void> }> {
  const live = memoryStore();
  const page = await startInspector({
    store: live.store,
    catalog: await userCatalog(ctx),
    configDir: await configDir(ctx),
    source: settings.capture ?? 'live',
    live: true,
    receiver,
    ...(settings.forwardTo ? { forwardTo: settings.forwardTo.toString() } : {}),
  });
  return { url: page.url, push: live.push, close: () => page.close() };
}
