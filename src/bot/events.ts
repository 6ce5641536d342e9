/** What the reference bot did, for logs (`omnibot sandbox --bot reference` prints them) and tests. */
export interface BotEvent {
  kind: 'received' | 'duplicate' | 'answered' | 'handed-off' | 'ignored' | 'error';
  helpdesk: 'omnidesk' | 'helpdeskeddy';
  caseId?: number;
  detail?: string;
}

export function formatBotEvent(event: BotEvent): string {
  const where = event.caseId !== undefined ? ` ${event.helpdesk} #${event.caseId}` : ` ${event.helpdesk}`;
  return `bot: ${event.kind}${where}${event.detail ? `: ${event.detail}` : ''}`;
}
