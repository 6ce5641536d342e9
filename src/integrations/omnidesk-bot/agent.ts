/**
 * `agent`: the staff member cases are handed off to. omnibot never creates or edits staff; it
 * only proves the agent exists and is active, because a hand-off to nobody strands the customer.
 */
import type { Resource } from '../../model/resource.js';
import type { Staff } from '../../helpdesks/omnidesk/client/types.js';

/** A staff member by numeric id or by e-mail (case-insensitive); the recipes and init look staff up through it. */
export function findStaff(staff: Staff[], ref: string): Staff | undefined {
  const wanted = ref.trim();
  if (/^\d+$/.test(wanted)) return staff.find((s) => s.staff_id === Number(wanted));
  return staff.find((s) => s.staff_email.toLowerCase() === wanted.toLowerCase());
}

export function agentResource(ref: string): Resource {
  return {
    id: 'agent',
    kind: 'omnidesk.staff',
    title: { ru: `Агент ${ref}`, en: `Agent ${ref}` },
    mode: 'check',
    async read(rc) {
      const api = await rc.omnidesk();
      const staff = await api.listStaff();
      const agent = findStaff(staff, ref);
      if (!agent) {
        const active = staff.filter((s) => s.active).map((s) => s.staff_email);
        return {
          status: 'manual',
          detail: `no staff member "${ref}"; add them in Omnidesk or set "agent" to an active one (${active.join(', ') || 'none found'})`,
        };
      }
      if (!agent.active) {
        return {
          status: 'manual',
          id: String(agent.staff_id),
          detail: `staff member ${agent.staff_email} (#${agent.staff_id}) is inactive; activate them in Omnidesk or choose another "agent"`,
        };
      }
      return {
        status: 'ok',
        id: String(agent.staff_id),
        detail: `${agent.staff_full_name} <${agent.staff_email}> (#${agent.staff_id}) is active`,
        actual: { staff_id: agent.staff_id, email: agent.staff_email },
      };
    },
  };
}
