/**
 * Seed 004: how an Omnidesk staff status becomes a Chaport operator status. Chaport knows only
 * online, offline and invisible, so the integration looks at one property of the Omnidesk
 * status, access to active chats:
 *   online, or a custom status with that access            → online;
 *   offline, «без чатов», or a custom status without it   → offline after a few minutes.
 * The API lists custom statuses without that property, so the config states it per status;
 * answers built on the config are marked `configured`, never passed off as `read`.
 */
import type { Staff, StaffStatus } from '../../helpdesks/omnidesk/client/types.js';

export type ChaportStatus = 'online' | 'offline' | 'unknown';
export type StatusKind = 'online' | 'offline' | 'no_chats' | 'custom' | 'missing';
/** read: from the API alone; configured: from the config's `statuses`; unknown: neither can tell. */
export type Source = 'read' | 'configured' | 'unknown';

export interface StatusOverride {
  chatAccess: boolean;
}

export interface StatusMapOptions {
  /** The chaport integration's `statuses`, keyed by status id or title. */
  statuses: Record<string, StatusOverride>;
  offlineDelayMinutes: number;
  /** The integration name, to name the config key in hints. */
  integration?: string;
}

export interface StatusMapRow {
  staffId: number;
  email: string;
  name: string;
  active: boolean;
  statusId?: number;
  statusTitle?: string;
  kind: StatusKind;
  chatAccess?: boolean;
  chaport: ChaportStatus;
  /** Minutes before Chaport shows the operator offline; only when `chaport` is offline. */
  afterMinutes?: number;
  source: Source;
  hint?: string;
}

export interface StatusMapResult {
  rows: StatusMapRow[];
  /** Config keys that match no status: likely typos. */
  unusedConfigKeys: string[];
}

/** Built-in ids per the API reference (§2.5): 1 online, 2 offline, 3 «без чатов». */
const BUILT_IN: Record<number, StatusKind> = { 1: 'online', 2: 'offline', 3: 'no_chats' };

/** Statuses whose chat access the API reports (the sandbox does; a live account may not). */
function readChatAccess(status: StaffStatus): boolean | undefined {
  const raw = (status as unknown as Record<string, unknown>).chat_access;
  return typeof raw === 'boolean' ? raw : undefined;
}

function findOverride(
  status: StaffStatus,
  statuses: Record<string, StatusOverride>,
): [string, StatusOverride] | undefined {
  const byId = statuses[String(status.status_id)];
  if (byId) return [String(status.status_id), byId];
  const title = status.status.trim().toLowerCase();
  for (const [key, value] of Object.entries(statuses)) if (key.trim().toLowerCase() === title) return [key, value];
  return undefined;
}

function kindOf(status: StaffStatus | undefined): StatusKind {
  if (!status) return 'missing';
  return BUILT_IN[status.status_id] ?? 'custom';
}

/** The status a staff member is in: `status_id`, or the legacy `status` string when that is all there is. */
function currentStatus(staff: Staff, byId: Map<number, StaffStatus>): { id?: number; status?: StaffStatus } {
  if (staff.status_id !== undefined && staff.status_id !== null)
    return { id: staff.status_id, status: byId.get(staff.status_id) };
  const legacy = staff.status?.toLowerCase();
  if (legacy === 'online') return { id: 1, status: byId.get(1) ?? { status_id: 1, status: 'online', active: true } };
  if (legacy === 'offline') return { id: 2, status: byId.get(2) ?? { status_id: 2, status: 'offline', active: true } };
  return {};
}

export function mapStatus(
  status: StaffStatus | undefined,
  options: StatusMapOptions,
): Pick<StatusMapRow, 'kind' | 'chatAccess' | 'chaport' | 'afterMinutes' | 'source' | 'hint'> {
  const kind = kindOf(status);
  const offline = { chaport: 'offline' as const, afterMinutes: options.offlineDelayMinutes };
  if (kind === 'online') return { kind, chatAccess: true, chaport: 'online', source: 'read' };
  if (kind === 'offline' || kind === 'no_chats') return { kind, chatAccess: false, ...offline, source: 'read' };
  if (kind === 'missing' || !status) {
    return {
      kind,
      chaport: 'unknown',
      source: 'unknown',
      hint: "the staff member has a status the API did not list; re-run, or check Omnidesk's staff statuses",
    };
  }
  const read = readChatAccess(status);
  if (read !== undefined)
    return { kind, chatAccess: read, ...(read ? { chaport: 'online' as const } : offline), source: 'read' };
  const override = findOverride(status, options.statuses);
  if (override) {
    const access = override[1].chatAccess;
    return { kind, chatAccess: access, ...(access ? { chaport: 'online' as const } : offline), source: 'configured' };
  }
  const where = options.integration ? `integrations[name=${options.integration}].statuses` : 'statuses';
  return {
    kind,
    chaport: 'unknown',
    source: 'unknown',
    hint:
      `the API does not say whether the custom status «${status.status}» gives access to active chats; set ` +
      `${where}["${status.status_id}"] = { "chatAccess": true|false } in the config (see the status settings in ` +
      `Omnidesk)`,
  };
}

export function buildStatusMap(staff: Staff[], statuses: StaffStatus[], options: StatusMapOptions): StatusMapResult {
  const byId = new Map(statuses.map((s) => [s.status_id, s]));
  const used = new Set<string>();
  for (const s of statuses) {
    const hit = findOverride(s, options.statuses);
    if (hit) used.add(hit[0]);
  }
  const rows = staff.map((member): StatusMapRow => {
    const { id, status } = currentStatus(member, byId);
    const base = {
      staffId: member.staff_id,
      email: member.staff_email,
      name: member.staff_full_name,
      active: member.active,
      ...(id === undefined ? {} : { statusId: id }),
      ...(status ? { statusTitle: status.status } : {}),
    };
    if (!member.active) {
      // A disabled staff member cannot sign in, so the linked operator can only be offline.
      return {
        ...base,
        kind: kindOf(status),
        chaport: 'offline',
        afterMinutes: options.offlineDelayMinutes,
        source: 'read',
        hint: 'the staff member is disabled',
      };
    }
    if (id === undefined) {
      return {
        ...base,
        kind: 'missing',
        chaport: 'unknown',
        source: 'unknown',
        hint: 'the API reported no status for this staff member',
      };
    }
    return { ...base, ...mapStatus(status, options) };
  });
  const unusedConfigKeys = Object.keys(options.statuses).filter((k) => !used.has(k));
  return { rows, unusedConfigKeys };
}
