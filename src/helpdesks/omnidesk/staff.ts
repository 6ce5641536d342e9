/** Looking staff up the way every part of omnibot does: by numeric id or by e-mail. */
import type { Staff } from './client/types.js';

/** A staff member by numeric id or by e-mail (case-insensitive). */
export function findStaff(staff: Staff[], ref: string): Staff | undefined {
  const wanted = ref.trim();
  if (/^\d+$/.test(wanted)) return staff.find((s) => s.staff_id === Number(wanted));
  return staff.find((s) => s.staff_email.toLowerCase() === wanted.toLowerCase());
}
