/**
 * `agent`: the staff member cases are handed off to. omnibot never creates or edits staff; it
 * only proves the agent exists and is active, because a hand-off to nobody strands the customer.
 */
import type { Resource } from '../../model/resource.js';
import { findStaff } from '../../helpdesks/omnidesk/staff.js';

export function agentResource(ref: string): Resource {
  return {
    id: 'agent',
    kind: 'omnidesk.staff',
    title: { ru: `Агент ${ref}`, en: `Agent ${ref}` },
    mode: 'check',
    async read(rc) {
      const api = await rc.clients.get('omnidesk');
      const staff = await api.listStaff();
      const agent = findStaff(staff, ref);
      if (!agent) {
        const active = staff.filter((s) => s.active).map((s) => s.staff_email);
        return {
          status: 'manual',
          detail:
            `no staff member "${ref}"; add them in Omnidesk or set "agent" to an active one ` +
            `(${active.join(', ') || 'none found'})`,
        };
      }
      if (!agent.active) {
        return {
          status: 'manual',
          id: String(agent.staff_id),
          detail:
            `staff member ${agent.staff_email} (#${agent.staff_id}) is inactive; activate them in Omnidesk or ` +
            `choose another "agent"`,
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
