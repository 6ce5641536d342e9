/**
 * Performing manual steps on the sandbox. Each helpdesk's descriptor says which spec kinds its
 * sandbox executes and on which admin path; the sandbox runs the same spec object the step
 * describes. The engine itself knows no helpdesk.
 */
import type { ManualSpec } from '../core/manual-step.js';
import type { ClientSet } from '../helpdesks/clients.js';
import type { HelpdeskClient } from '../helpdesks/define.js';
import { HELPDESKS } from '../helpdesks/registry.js';

/** The admin client and path for this spec when its helpdesk is a sandbox; undefined otherwise. */
export async function sandboxTarget(
  spec: ManualSpec,
  clients: ClientSet,
): Promise<{ admin: HelpdeskClient; path: string } | undefined> {
  const owner = HELPDESKS.find((h) => Object.hasOwn(h.sandbox.specPaths, spec.kind));
  if (!owner) return undefined;
  const client: HelpdeskClient = await clients.get(owner.kind);
  if (!(await client.isSandbox())) return undefined;
  return { admin: client, path: owner.sandbox.specPaths[spec.kind]! };
}
