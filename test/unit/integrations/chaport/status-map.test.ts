import { describe, expect, it } from 'vitest';
import { buildStatusMap, mapStatus } from '../../../../src/integrations/chaport/status-map.js';
import type { Staff, StaffStatus } from '../../../../src/helpdesks/omnidesk/client/types.js';

/** The sandbox's seeded statuses (architecture.md): 1 online, 2 offline, 3 «без чатов», 4 «Обед», 5 «Только чаты». */
const STATUSES: StaffStatus[] = [
  { status_id: 1, status: 'online', active: true },
  { status_id: 2, status: 'offline', active: true },
  { status_id: 3, status: 'без чатов', active: true },
  { status_id: 4, status: 'Обед', active: true },
  { status_id: 5, status: 'Только чаты', active: true },
];

function staff(id: number, statusId: number | undefined, active = true): Staff {
  return {
    staff_id: id,
    staff_email: `s${id}@x.test`,
    staff_full_name: `S ${id}`,
    active,
    ...(statusId === undefined ? {} : { status_id: statusId }),
  };
}

const options = { statuses: {}, offlineDelayMinutes: 5, integration: 'chat' };

describe('chaport status map', () => {
  it('maps the built-in statuses from the API alone', () => {
    expect(mapStatus(STATUSES[0], options)).toMatchObject({ kind: 'online', chaport: 'online', source: 'read' });
    expect(mapStatus(STATUSES[1], options)).toMatchObject({
      kind: 'offline',
      chaport: 'offline',
      afterMinutes: 5,
      source: 'read',
    });
    expect(mapStatus(STATUSES[2], options)).toMatchObject({
      kind: 'no_chats',
      chaport: 'offline',
      afterMinutes: 5,
      source: 'read',
    });
  });

  it('leaves an unconfigured custom status unknown, with a hint naming the config key', () => {
    const m = mapStatus(STATUSES[3], options);
    expect(m).toMatchObject({ kind: 'custom', chaport: 'unknown', source: 'unknown' });
    expect(m.hint).toContain('integrations[name=chat].statuses["4"]');
    expect(m.hint).toContain('«Обед»');
  });

  it('uses the config by id or by title and marks the answer configured', () => {
    const cfg = {
      ...options,
      statuses: { '4': { chatAccess: false }, 'только чаты': { chatAccess: true } },
      offlineDelayMinutes: 3,
    };
    expect(mapStatus(STATUSES[3], cfg)).toMatchObject({
      chaport: 'offline',
      afterMinutes: 3,
      source: 'configured',
      chatAccess: false,
    });
    expect(mapStatus(STATUSES[4], cfg)).toMatchObject({ chaport: 'online', source: 'configured', chatAccess: true });
  });

  it('prefers chat access the API reports over nothing, and marks it read', () => {
    const withAccess = { ...STATUSES[4]!, chat_access: true } as StaffStatus;
    expect(mapStatus(withAccess, options)).toMatchObject({ chaport: 'online', source: 'read' });
  });

  it('maps every staff member, disabled ones offline, and lists config keys that match nothing', () => {
    const map = buildStatusMap(
      [
        staff(1, 1),
        staff(2, 4),
        staff(3, 5, false),
        staff(4, 9),
        { ...staff(5, undefined), status: 'online' },
        staff(6, undefined),
      ],
      STATUSES,
      { ...options, statuses: { Обед: { chatAccess: false }, Ужин: { chatAccess: true } } },
    );
    expect(map.rows.map((r) => [r.staffId, r.chaport, r.source])).toEqual([
      [1, 'online', 'read'],
      [2, 'offline', 'configured'],
      [3, 'offline', 'read'],
      [4, 'unknown', 'unknown'],
      [5, 'online', 'read'],
      [6, 'unknown', 'unknown'],
    ]);
    expect(map.rows[2]!.hint).toBe('the staff member is disabled');
    expect(map.unusedConfigKeys).toEqual(['Ужин']);
  });
});
