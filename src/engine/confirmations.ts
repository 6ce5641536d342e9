/**
 * Confirmations of manual steps in the state file. A confirmation counts only for the spec it
 * was given for: the hash ties it to the exact rule, so editing the config re-opens the step.
 * `verify --e2e` records its proof through `recordConfirmation` too.
 */
import { resourceKey, updateState, type ResourceRecord, type State } from '../core/state.js';
import type { ManualSpec } from '../core/manual-step.js';
import { specHash } from './spec-hash.js';

export type ConfirmedBy = NonNullable<ResourceRecord['confirmedBy']>;

export type ConfirmationState =
  | { status: 'confirmed'; by: ConfirmedBy; at?: string }
  | { status: 'stale'; by: ConfirmedBy; at?: string }
  | { status: 'revoked'; by: string; at?: string }
  | { status: 'none' };

export function confirmation(state: State, integration: string, resource: string, spec: ManualSpec): ConfirmationState {
  const record = state.resources[resourceKey(integration, resource)];
  if (!record?.confirmedBy) {
    return record?.revokedBy ? { status: 'revoked', by: record.revokedBy, at: record.revokedAt } : { status: 'none' };
  }
  const fresh = record.specHash === specHash(spec);
  return { status: fresh ? 'confirmed' : 'stale', by: record.confirmedBy, at: record.confirmedAt };
}

export async function recordConfirmation(
  stateFile: string,
  integration: string,
  resource: string,
  spec: ManualSpec,
  by: ConfirmedBy,
  extra: { at?: Date; id?: string; data?: Record<string, unknown> } = {},
): Promise<void> {
  await updateState(stateFile, (state) => {
    const key = resourceKey(integration, resource);
    const prev = state.resources[key] ?? {};
    state.resources[key] = {
      ...prev,
      ...(extra.id !== undefined ? { id: extra.id } : {}),
      confirmedAt: (extra.at ?? new Date()).toISOString(),
      confirmedBy: by,
      specHash: specHash(spec),
      ...(extra.data ? { data: { ...prev.data, ...extra.data } } : {}),
    };
    // A new confirmation closes an old revocation.
    delete state.resources[key].revokedAt;
    delete state.resources[key].revokedBy;
  });
}

/**
 * Takes a confirmation back: a round trip failed at this step, so "done" was not true. Returns
 * false (and writes nothing) when there was no confirmation to take back.
 */
export async function revokeConfirmation(
  stateFile: string,
  integration: string,
  resource: string,
  by: string,
  at: Date = new Date(),
): Promise<boolean> {
  let revoked = false;
  await updateState(stateFile, (state) => {
    const key = resourceKey(integration, resource);
    const prev = state.resources[key];
    if (!prev?.confirmedBy) return;
    const next: ResourceRecord = { ...prev, revokedAt: at.toISOString(), revokedBy: by };
    delete next.confirmedAt;
    delete next.confirmedBy;
    delete next.specHash;
    state.resources[key] = next;
    revoked = true;
  });
  return revoked;
}
