/** A capture writer's file calls over a disk that takes `room.bytes` more bytes, then fails with ENOSPC. */
import * as fs from 'node:fs';
import type { CaptureFs } from '../../src/capture/writer.js';

export function fullDisk(room: { bytes: number }): CaptureFs {
  const enospc = () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
  function writeSync(fd: number, data: string | Buffer, a?: number | null, b?: number | BufferEncoding): number {
    const bytes =
      typeof data === 'string' ? Buffer.from(data, 'utf8') : data.subarray(a as number, (a as number) + (b as number));
    if (room.bytes <= 0) throw enospc();
    const n = Math.min(room.bytes, bytes.length);
    room.bytes -= n;
    return fs.writeSync(fd, bytes, 0, n);
  }
  return { writeSync: writeSync, fstatSync: fs.fstatSync, ftruncateSync: fs.ftruncateSync };
}
