/**
 * `agent` (only when the config names one): the staff member tickets are handed off to. The bot
 * assigns the ticket (`owner_id`), and HelpDeskEddy accepts only staff as owners, so the check
 * is that the user exists and is staff.
 */
import type { Resource } from '../../model/resource.js';

export function agentResource(agent: string): Resource {
  return {
    id: 'agent',
    kind: 'helpdeskeddy.staff',
    title: { ru: 'Сотрудник для передачи заявок', en: 'Hand-off agent' },
    mode: 'check',
    async read(rc) {
      const api = await rc.clients.get('helpdeskeddy');
      const user = /^\d+$/.test(agent)
        ? await api.getUser(agent).catch(() => undefined)
        : await api.findUserByEmail(agent);
      if (!user || !user.id)
        return { status: 'unknown', detail: `no HelpDeskEddy user "${agent}"; fix "agent" in the config` };
      if (!user.isStaff)
        return {
          status: 'unknown',
          id: user.id,
          detail: `${agent} (user ${user.id}) is not staff; tickets can be assigned only to staff`,
        };
      return { status: 'ok', id: user.id, detail: `${user.email || agent} is staff (user ${user.id})` };
    },
  };
}
