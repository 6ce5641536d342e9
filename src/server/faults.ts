/**
 * Queued fault injection for the sandbox APIs: the next matching API calls answer with an error
 * status (429/500/503, with an optional retry hint) and/or slowly. Tests use it to prove that
 * clients back off, retry only what is safe, and never duplicate a create.
 */
import { z } from 'zod';

export const faultSchema = z
  .object({
    status: z.union([z.literal(429), z.literal(500), z.literal(503)]).optional(),
    count: z.number().int().min(1).max(10_000).default(1),
    retryAfter: z.number().min(0).max(3600).optional(),
    delayMs: z.number().int().min(0).max(300_000).optional(),
    /**
     * Hold the call this long before doing its work, then answer: a create commits after a
     * client with a shorter deadline has given up and looked (the dangerous order for retries).
     */
    commitAfterMs: z.number().int().min(0).max(300_000).optional(),
    method: z.string().min(1).optional(),
    path: z
      .string()
      .min(1)
      .refine((p) => {
        try {
          new RegExp(p);
          return true;
        } catch {
          return false;
        }
      }, 'is not a valid regular expression')
      .optional(),
  })
  .strict()
  .refine(
    (f) => f.status !== undefined || f.delayMs !== undefined || f.commitAfterMs !== undefined,
    'give a status, a delayMs or a commitAfterMs',
  );

export type FaultSpec = z.output<typeof faultSchema>;

export interface QueuedFault extends FaultSpec {
  id: number;
  /** How many more calls this fault applies to. */
  left: number;
}

export class FaultQueue {
  private faults: QueuedFault[] = [];
  private nextId = 1;

  add(spec: FaultSpec): QueuedFault {
    const fault: QueuedFault = { ...spec, id: this.nextId++, left: spec.count };
    this.faults.push(fault);
    return fault;
  }

  list(): QueuedFault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  clear(): void {
    this.faults = [];
  }

  /** Consumes one use of the first fault that matches this call, if any. */
  take(method: string, path: string): QueuedFault | undefined {
    const index = this.faults.findIndex(
      (f) =>
        (!f.method || f.method.toUpperCase() === method.toUpperCase()) && (!f.path || new RegExp(f.path).test(path)),
    );
    if (index < 0) return undefined;
    const fault = this.faults[index]!;
    fault.left -= 1;
    if (fault.left <= 0) this.faults.splice(index, 1);
    return { ...fault };
  }
}
