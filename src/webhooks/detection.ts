/**
 * The shape of event detection as the listener, tail and replay use it. The catalog
 * (`src/events/detect.ts`) does the matching; this wrapper makes sure a detector bug on one
 * strange payload can never take the listener down with it.
 */
import type { Catalog } from '../events/types.js';

export interface EventSummary {
  caseId?: string | number;
  ticketId?: string | number;
  userId?: string | number;
  text?: string;
}

export interface Detection {
  event: string | null;
  valid: boolean;
  /** Every event the body fits equally well, when it cannot settle on one. */
  candidates?: string[];
  issues?: unknown;
  summary: EventSummary;
}

export type Detector = (contentType: string, body: Buffer | string) => Detection;

export const UNDETECTED: Detection = { event: null, valid: false, summary: {} };

export function safeDetector(detect: Detector): Detector {
  return (contentType, body) => {
    try {
      const result = detect(contentType, body);
      return result ?? UNDETECTED;
    } catch {
      return UNDETECTED;
    }
  };
}

/**
 * The catalog's detector over a loaded catalog (shipped events plus user samples, so a
 * promoted capture names its event). Imported lazily: commands that never detect do not pay
 * for the zod schemas.
 */
export async function loadDetector(catalog?: Catalog): Promise<Detector> {
  const { detectEvent } = await import('../events/detect.js');
  return safeDetector((contentType, body) => detectEvent(contentType, body, catalog));
}
