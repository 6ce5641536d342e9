/**
 * Queued faults for the API path (`POST /_sandbox/faults`): a status with an optional
 * Retry-After, or a delay, for the next `count` matching requests. They let tests prove the
 * client's resilience with a real server instead of a mock.
 */
import { HttpError, isRecord } from '../shared/http.js';

export interface Fault {
  status?: 429 | 500 | 503;
  count: number;
  retryAfter?: number;
  delayMs?: number;
  method?: string;
  path?: RegExp;
}

export class FaultQueue {
  private faults: Fault[] = [];

  add(input: unknown): Fault {
    if (!isRecord(input)) throw bad('the fault must be an object');
    const status = input.status === undefined ? undefined : Number(input.status);
    if (status !== undefined && status !== 429 && status !== 500 && status !== 503) throw bad('status must be 429, 500 or 503');
    if (status === undefined && input.delayMs === undefined) throw bad('give a status or a delayMs');
    let path: RegExp | undefined;
    if (input.path !== undefined) {
      try {
        path = new RegExp(String(input.path));
      } catch {
        throw bad('path must be a regular expression');
      }
    }
    const fault: Fault = {
      status: status as Fault['status'],
      count: Math.max(1, Number(input.count ?? 1) || 1),
      retryAfter: input.retryAfter === undefined ? undefined : Number(input.retryAfter),
      delayMs: input.delayMs === undefined ? undefined : Math.max(0, Number(input.delayMs) || 0),
      method: input.method === undefined ? undefined : String(input.method).toUpperCase(),
      path,
    };
    this.faults.push(fault);
    return fault;
  }

  clear(): void {
    this.faults = [];
  }

  /** The first fault that matches, used up by one. */
  take(method: string, path: string): Fault | undefined {
    const fault = this.faults.find((f) => (!f.method || f.method === method) && (!f.path || f.path.test(path)));
    if (!fault) return undefined;
    fault.count -= 1;
    if (fault.count <= 0) this.faults = this.faults.filter((f) => f !== fault);
    return fault;
  }

  list(): unknown[] {
    return this.faults.map((f) => ({ ...f, path: f.path?.source }));
  }
}

function bad(details: string): HttpError {
  return new HttpError(400, { errors: [{ code: 'e-400', title: 'Bad request', details }] });
}
