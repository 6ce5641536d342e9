/**
 * The catalog a command sees: shipped events plus the user samples in `<config dir>/.omnibot/events/`.
 * Sending a sample must not need the helpdesk secrets, so a config that fails to load (an unset
 * `${VAR}`) only costs the lookup of the config folder, never the command.
 */
import { dirname, resolve } from 'node:path';
import type { Context } from '../../kit/context.js';
import { loadCatalog, userEventsDir, type Catalog } from '../../events/catalog.js';

export async function configDir(ctx: Context): Promise<string> {
  try {
    return (await ctx.loadConfig({ required: false })).dir;
  } catch (err) {
    ctx.io.debug(`config not loaded (${(err as Error).message}); looking for user samples beside it anyway`);
    return ctx.flags.config ? dirname(resolve(ctx.cwd, ctx.flags.config)) : ctx.cwd;
  }
}

export async function userCatalog(ctx: Context): Promise<Catalog> {
  const catalog = await loadCatalog(userEventsDir(await configDir(ctx)));
  for (const warning of catalog.warnings) ctx.io.warn(warning);
  return catalog;
}
