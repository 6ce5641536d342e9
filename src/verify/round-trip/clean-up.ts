/**
 * The last check of every round trip: the test case (or ticket) goes to the trash whatever
 * happened, and the command's deferred clean-up is told it need not. It always runs, so it
 * finds what the first check made through the trip's fact, not through `needs`.
 */
import { pass, skip, type CheckDef } from '../check.js';
import type { VerifyContext } from '../context.js';

export interface CleanUpTarget {
  /** `case` (Omnidesk) or `ticket` (HelpDeskEddy), for the messages. */
  noun: 'case' | 'ticket';
  /** The fact the trip is kept under; also the key of its pending clean-up. */
  key: string;
  /** What the trip created, if anything: its id, and how to trash it. */
  created(cx: VerifyContext): { id: number | string; trash(): Promise<unknown> } | undefined;
}

export function cleanUpCheck(id: string, integration: string, target: CleanUpTarget): CheckDef<VerifyContext> {
  const { noun, key } = target;
  return {
    id,
    title: `The test ${noun} is cleaned up`,
    integration,
    e2e: true,
    always: true,
    async run(cx) {
      const made = target.created(cx);
      if (!made) return skip(`no test ${noun} was created`);
      await made.trash();
      cx.pendingCleanup.delete(key);
      cx.timeline.add('cleaned-up', `${noun} #${made.id} moved to the trash`, { caseId: Number(made.id) });
      return pass(`${noun} #${made.id} moved to the trash`);
    },
  };
}
