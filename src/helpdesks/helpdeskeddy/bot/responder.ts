/**
 * What the reference bot does with a HelpDeskEddy dispatcher webhook (seed 002): answer with a
 * public post as the API user, or hand off by setting the ticket's owner. Its own posts come
 * back through the "new reply" condition when the dispatcher rule has no loop guard; the bot
 * recognises them by author and stays quiet, so a missing guard costs one webhook, not a loop.
 */
import type { BotDeps, BotMessage, BotResponder } from '../../define.js';
import type { HdeUser, HelpdeskeddyApi } from '../client/types.js';

/** HelpDeskEddy keeps post text as HTML; the knowledge base matches words. */
export function htmlToText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .trim();
}

export class HelpdeskeddyResponder implements BotResponder {
  private staff?: Promise<HdeUser[]>;

  constructor(
    private readonly api: HelpdeskeddyApi,
    private readonly deps: BotDeps,
  ) {}

  private staffList(): Promise<HdeUser[]> {
    this.staff ??= this.api.listStaff().catch((err: unknown) => {
      this.staff = undefined;
      throw err;
    });
    return this.staff;
  }

  private async me(): Promise<HdeUser | undefined> {
    const email = this.api.email.toLowerCase();
    return (await this.staffList()).find((u) => u.email.toLowerCase() === email);
  }

  /** The agent by e-mail or id; without one, the first active staff member who is not the bot. */
  private async agent(who: string | undefined): Promise<HdeUser | undefined> {
    const staff = await this.staffList();
    if (who) {
      const wanted = who.trim().toLowerCase();
      return staff.find((u) => u.id === wanted || u.email.toLowerCase() === wanted);
    }
    const me = await this.me();
    return staff.find((u) => u.id !== me?.id && u.status !== 'disabled') ?? staff.find((u) => u.id !== me?.id);
  }

  /** The webhook URL may name the hand-off agent: `?agent=<e-mail or id>`. */
  async handle(msg: BotMessage, query: URLSearchParams): Promise<void> {
    const how = { agent: query.get('agent') ?? this.deps.defaults.agent };
    const me = await this.me();
    if (me && msg.authorId !== undefined && String(msg.authorId) === me.id) {
      this.deps.emit({ kind: 'ignored', helpdesk: 'helpdeskeddy', caseId: msg.caseId, detail: 'own post' });
      return;
    }
    const ticketId = String(msg.caseId);
    const decision = this.deps.decide(htmlToText(msg.text));
    if (decision.action === 'answer') {
      await this.api.createPost(ticketId, { text: decision.answer.text, ...(me ? { user_id: me.id } : {}) });
      this.deps.emit({ kind: 'answered', helpdesk: 'helpdeskeddy', caseId: msg.caseId, detail: decision.answer.topic });
      return;
    }
    const agent = await this.agent(how.agent);
    if (!agent)
      throw new Error(
        how.agent ? `hand-off agent "${how.agent}" is not a staff member` : 'no staff member to hand off to',
      );
    await this.api.updateTicket(ticketId, { owner_id: agent.id });
    this.deps.emit({
      kind: 'handed-off',
      helpdesk: 'helpdeskeddy',
      caseId: msg.caseId,
      detail: `${decision.reason} → ${agent.email}`,
    });
  }
}
