/**
 * The round trip's timeline: what happened on the helpdesk side and when, relative to the start.
 * Events are printed as they happen (stderr, for people) and kept for the JSON report; `tail
 * --case` emits the same shape so both read alike.
 */

export type TimelineKind =
  | 'case-created'
  | 'rule-fired'
  | 'label-added'
  | 'label-removed'
  | 'webhook-delivered'
  | 'bot-replied'
  | 'message'
  | 'note'
  | 'user-replied'
  | 'assigned'
  | 'status-changed'
  | 'hand-off'
  | 'cleaned-up'
  | 'timeout';

export interface TimelineEvent {
  /** Milliseconds since the timeline started. */
  elapsedMs: number;
  /** Wall-clock time of the observation (ISO 8601). */
  at: string;
  kind: TimelineKind;
  /** One line for people. */
  text: string;
  caseId?: number;
  data?: Record<string, unknown>;
}

export type TimelineListener = (event: TimelineEvent) => void;

export class Timeline {
  readonly events: TimelineEvent[] = [];
  private readonly started: number;

  constructor(
    private readonly listener?: TimelineListener,
    private readonly clock: () => number = Date.now,
  ) {
    this.started = clock();
  }

  elapsed(): number {
    return this.clock() - this.started;
  }

  add(
    kind: TimelineKind,
    text: string,
    extra: { caseId?: number; data?: Record<string, unknown> } = {},
  ): TimelineEvent {
    const now = this.clock();
    const event: TimelineEvent = {
      elapsedMs: now - this.started,
      at: new Date(now).toISOString(),
      kind,
      text,
      ...extra,
    };
    this.events.push(event);
    this.listener?.(event);
    return event;
  }
}

/** `  +1234 ms  rule fired  …` — the same line for verify and tail. */
export function formatTimelineEvent(event: TimelineEvent): string {
  const ms = `+${event.elapsedMs} ms`.padStart(10);
  return `${ms}  ${event.text}`;
}

/** Text flattened to one line and cut to `max` characters, for timeline lines and check messages. */
export function excerpt(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
