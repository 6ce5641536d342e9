/** What the reference bot did, for its `onEvent` listener and `events` list (tests read them). */
export interface BotEvent {
  kind: 'received' | 'duplicate' | 'answered' | 'handed-off' | 'ignored' | 'error';
  helpdesk: 'omnidesk' | 'helpdeskeddy';
  caseId?: number;
  detail?: string;
}
