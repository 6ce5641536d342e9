/**
 * Performing manual steps on the sandbox. The sandbox executes the same spec objects the
 * steps describe, through its admin path; this table says which path takes which spec kind.
 * A helpdesk adds its kinds here (or through `registerSandboxPath`), so the engine itself
 * knows no helpdesk.
 */
import type { ManualSpec } from '../model/specs.js';
import type { ClientSet } from './clients.js';

export interface SandboxAdmin {
  isSandbox(): Promise<boolean>;
  adminRequest<T = unknown>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T>;
}

interface Target {
  helpdesk: keyof ClientSet;
  path: string;
}

const TARGETS = new Map<string, Target>([
  ['omnidesk.rule', { helpdesk: 'omnidesk', path: '/_sandbox/rules' }],
  ['omnidesk.custom-channel', { helpdesk: 'omnidesk', path: '/_sandbox/custom-channels' }],
  ['helpdeskeddy.dispatcher-rule', { helpdesk: 'helpdeskeddy', path: '/_sandbox/dispatcher-rules' }],
]);

/** The per-helpdesk hook: a spec kind the sandbox can execute, and where to POST it. */
export function registerSandboxPath(kind: string, target: Target): void {
  TARGETS.set(kind, target);
}

function isSandboxAdmin(client: unknown): client is SandboxAdmin {
  const c = client as Partial<SandboxAdmin> | null;
  return Boolean(c && typeof c.isSandbox === 'function' && typeof c.adminRequest === 'function');
}

/** The admin client and path for this spec when its helpdesk is a sandbox; undefined otherwise. */
export async function sandboxTarget(spec: ManualSpec, clients: ClientSet): Promise<{ admin: SandboxAdmin; path: string } | undefined> {
  const target = TARGETS.get(spec.kind);
  if (!target) return undefined;
  const client = await clients[target.helpdesk]();
  if (!isSandboxAdmin(client) || !(await client.isSandbox())) return undefined;
  return { admin: client, path: target.path };
}
