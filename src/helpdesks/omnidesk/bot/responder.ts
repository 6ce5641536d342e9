/**
 * What the reference bot does with an Omnidesk webhook, as seed 000 describes Wikibot: answer
 * from the knowledge base as the API user (a staff message, or a note when "send reply as
 * note" is on), or hand off: assign the agent and remove the bot's label through the API, so
 * the changed-case rule stops sending the case to the bot.
 */
import type { BotDeps, BotMessage, BotResponder } from '../../define.js';
import type { OmnideskApi, Staff } from '../client/types.js';
import { findStaff } from '../staff.js';

export interface OmnideskHandling {
  replyAsNote: boolean;
  /** E-mail or staff id of the hand-off agent. */
  agent: string;
  /** Title of the bot's label; when absent, hand-off removes every label on the case. */
  label?: string;
}

/** The sandbox's hand-off agent, when neither the bot nor the webhook URL names one. */
export const DEFAULT_AGENT = 'operator@sandbox.test';

function flag(value: string | null, fallback: boolean): boolean {
  if (value === null) return fallback;
  return !['0', 'false', 'no', 'off'].includes(value.toLowerCase());
}

export class OmnideskResponder implements BotResponder {
  private staff?: Promise<Staff[]>;

  constructor(
    private readonly api: OmnideskApi,
    private readonly apiEmail: string,
    private readonly deps: BotDeps,
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

  /** Per-rule settings ride on the webhook URL: `?note=1`, `?agent=<e-mail or id>`, `?label=<title>`. */
  async handle(msg: BotMessage, query: URLSearchParams): Promise<void> {
    const { defaults } = this.deps;
    const how: OmnideskHandling = {
      replyAsNote: flag(query.get('note'), defaults.replyAsNote ?? false),
      agent: query.get('agent') ?? defaults.agent ?? DEFAULT_AGENT,
      label: query.get('label') ?? defaults.label,
    };
    const decision = this.deps.decide(msg.text);
    if (decision.action === 'answer') {
      const me = await this.findStaff(this.apiEmail);
      const content = decision.answer.text;
      if (how.replyAsNote) await this.api.createNote(msg.caseId, { content, staff_id: me?.staff_id });
      else await this.api.createMessage(msg.caseId, { content, staff_id: me?.staff_id });
      this.deps.emit({
        kind: 'answered',
        helpdesk: 'omnidesk',
        caseId: msg.caseId,
        detail: `${decision.answer.topic}${how.replyAsNote ? ' (note)' : ''}`,
      });
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
    await this.api.updateCase(caseId, {
      staff_id: agent.staff_id,
      ...(labels.length ? { delete_labels: labels } : {}),
    });
    this.deps.emit({ kind: 'handed-off', helpdesk: 'omnidesk', caseId, detail: `${reason} → ${agent.staff_email}` });
  }
}
