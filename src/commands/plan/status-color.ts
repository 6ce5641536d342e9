/** Plan and apply colour a resource's status the same way. */
import type { ChalkInstance } from 'chalk';
import type { ResourceStatus } from '../../model/resource.js';

export function statusColor(c: ChalkInstance, status: ResourceStatus, text: string): string {
  if (status === 'ok') return c.green(text);
  if (status === 'create') return c.cyan(text);
  if (status === 'manual') return c.yellow(text);
  if (status === 'note') return c.dim(text);
  return c.red(text);
}
