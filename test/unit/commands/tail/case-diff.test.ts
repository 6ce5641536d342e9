import { describe, expect, it } from 'vitest';
import type { Case, Message } from '../../../../src/helpdesks/omnidesk/client/types.js';
import { diffCase, type CaseSnapshot } from '../../../../src/commands/tail/case-diff.js';
import { pollInterval, pollUntil } from '../../../../src/verify/poll.js';

const names = {
  label: (id: number) => (id === 301 ? 'wikibot' : `#${id}`),
  staff: (id: number) => (id === 2 ? 'operator@x' : `staff #${id}`),
};
const baseCase: Case = {
  case_id: 1,
  case_number: '1-1',
  subject: 's',
  user_id: 9,
  staff_id: 0,
  group_id: 1,
  status: 'open',
  priority: 'normal',
  channel: 'email',
  labels: [301],
  deleted: false,
  spam: false,
  created_at: '',
  updated_at: '',
};
const msg = (id: number, more: Partial<Message>): Message => ({
  message_id: id,
  user_id: 0,
  staff_id: 0,
  content: 'x',
  note: false,
  created_at: '',
  ...more,
});
const snap = (c: Partial<Case>, messages: Message[] = [], rules = 0): CaseSnapshot => ({
  case: { ...baseCase, ...c },
  messages,
  changelog: Array.from({ length: rules }, (_, i) => ({
    created_at: '',
    event: 'rules',
    done_by: `rule_${i}`,
    old_value: `Rule ${i} (ID - ${i})`,
  })),
});

describe('diffCase', () => {
  it('with no previous look, the history: rules and messages', () => {
    const out = diffCase(
      undefined,
      snap({}, [msg(1, { user_id: 9, content: 'hi' }), msg(2, { staff_id: 1, content: 'hello' })], 1),
      names,
    );
    expect(out.map((c) => c.kind)).toEqual(['rule-fired', 'message', 'message']);
    expect(out[1]!.text).toBe('user wrote: «hi»');
    expect(out[2]!.text).toBe('staff #1 replied: «hello»');
  });

  it('labels, assignee, status, notes and the trash, each once', () => {
    const prev = snap({}, [msg(1, { user_id: 9 })]);
    const next = snap({ labels: [], staff_id: 2, status: 'waiting', deleted: true }, [
      msg(1, { user_id: 9 }),
      msg(2, { staff_id: 2, note: true, content: 'psst' }),
    ]);
    const texts = diffCase(prev, next, names).map((c) => c.text);
    expect(texts).toEqual([
      'note by operator@x: «psst»',
      'label «wikibot» removed',
      'assigned to operator@x',
      'status open → waiting',
      'moved to the trash',
    ]);
    expect(diffCase(next, next, names)).toEqual([]);
  });
});

describe('polling pace', () => {
  it('stays within half the per-minute limit once settled, ramping up from the floor', () => {
    expect(pollInterval({ limitPerMinute: 60 }, { callsPerRound: 1, minIntervalMs: 100 })).toBe(2000);
    expect(pollInterval({ limitPerMinute: 60 }, { callsPerRound: 1, minIntervalMs: 100 }, 0)).toBe(100);
    expect(pollInterval({ limitPerMinute: 60 }, { callsPerRound: 1, minIntervalMs: 100 }, 2)).toBe(400);
    expect(pollInterval({ limitPerMinute: 6000 }, { callsPerRound: 3, minIntervalMs: 1000 })).toBe(1000);
  });

  it('backs off when the minute is nearly spent', () => {
    expect(pollInterval({ limitPerMinute: 6000, callsLeft: 2 }, { callsPerRound: 1, minIntervalMs: 100 }, 0)).toBe(
      5000,
    );
  });

  it('pollUntil returns the value, or undefined at the deadline', async () => {
    let n = 0;
    expect(await pollUntil(async () => (++n >= 3 ? n : undefined), { timeoutMs: 5000, interval: () => 1 })).toBe(3);
    expect(await pollUntil(async () => undefined, { timeoutMs: 20, interval: () => 5 })).toBeUndefined();
  });
});
