/**
 * What the reference bot does with an Omnidesk webhook, as seed 000 describes Wikibot: answer
 * from the knowledge base as the API user (a staff message, or a note when "send reply as
 * note" is on), or hand off: assign the agent and remove the bot's label through the API, so
 * the changed-case rule stops sending the case to the bot.
 */
import type { OmnideskApi, Staff } from '../helpdesks/omnidesk/client/types.js';
import { findStaff } from '../integrations/omnidesk-bot/agent.js';
import { decide } from './knowledge-base.js';
import type { IncomingMessage } from './payloads.js';
import type { BotEvent } from './events.js';

export interface OmnideskHandling {
  replyAsNote: boolean;
  /** E-mail or staff id of the hand-off agent. */
  agent: string;
  /** Title of the bot's label; when absent, hand-off removes every label on the case. */
  label?: string;
}

export class OmnideskResponder {
  private staff?: Promise<Staff[]>;

  constructor(
    private readonly api: OmnideskApi,
    private readonly apiEmail: string,
    private readonly emit: (event: BotEvent) => void,
  ) {}

  private async staffList(): Promise<Staff[]> {
    this.staff ??= this.api.listStaff().catch((err: unknown) => {
      this.staff = undefined;
      throw err;
    });
    return this.staff;
  }

  private async findStaff(who: string): Promise<Staff | undefined> {
    return findStaff(await this.staffList(), who);
  }

  async handle(msg: IncomingMessage, how: OmnideskHandling): Promise<void> {
    const decision = decide(msg.text);
    if (decision.action === 'answer') {
      const me = await this.findStaff(this.apiEmail);
      const content = decision.answer.text;
      if (how.replyAsNote) await this.api.createNote(msg.caseId, { content, staff_id: me?.staff_id });
      else await this.api.createMessage(msg.caseId, { content, staff_id: me?.staff_id });
      this.emit({ kind: 'answered', helpdesk: 'omnidesk', caseId: msg.caseId, detail: `${decision.answer.topic}${how.replyAsNote ? ' (note)' : ''}` });
      return;
    }
    await this.handOff(msg.caseId, how, decision.reason);
  }

  private async handOff(caseId: number, how: OmnideskHandling, reason: string): Promise<void> {
    const agent = await this.findStaff(how.agent);
    if (!agent) throw new Error(`hand-off agent "${how.agent}" is not a staff member`);
    let labels: number[];
    if (how.label) {
      const all = await this.api.listLabels();
      const title = how.label.trim().toLowerCase();
      labels = all.filter((l) => l.label_title.trim().toLowerCase() === title).map((l) => l.label_id);
    } else {
      labels = (await this.api.getCase(caseId)).labels ?? [];
    }
    await this.api.updateCase(caseId, { staff_id: agent.staff_id, ...(labels.length ? { delete_labels: labels } : {}) });
    this.emit({ kind: 'handed-off', helpdesk: 'omnidesk', caseId, detail: `${reason} → ${agent.staff_email}` });
  }
}
