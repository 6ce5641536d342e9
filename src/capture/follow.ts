/**
 * Follows a capture file as it grows (`tail --follow`). Polls the size instead of relying on
 * fs.watch, which misses events on network and container filesystems. When the file shrinks
 * (truncated) or is replaced (new inode), reading restarts from the beginning. A partial last
 * line is held back until its newline arrives: the writer may be in the middle of it.
 */
import { open, stat, type FileHandle } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import { setTimeout as sleep } from 'node:timers/promises';
import { assertReadableFile, parseRecordLine, skippedLineMessage, type NumberedRecord } from './reader.js';

export interface FollowOptions {
  signal: AbortSignal;
  intervalMs?: number;
  onSkip?: (message: string, line: number) => void;
  /** Called when the file shrank or was replaced and reading restarts at 0. */
  onRestart?: (reason: string) => void;
  /** Called each time everything written so far has been read, before waiting for more. */
  onIdle?: () => void;
}

const CHUNK = 1024 * 1024;

export async function* followCapture(file: string, options: FollowOptions): AsyncGenerator<NumberedRecord> {
  await assertReadableFile(file);
  const interval = options.intervalMs ?? 250;
  let handle: FileHandle | undefined;
  let inode = -1;
  let offset = 0;
  let line = 0;
  let pending = '';
  let decoder = new StringDecoder('utf8');
  const buffer = Buffer.allocUnsafe(CHUNK);

  const restart = async (reason: string | undefined) => {
    if (reason) options.onRestart?.(reason);
    await handle?.close();
    handle = undefined;
    offset = 0;
    line = 0;
    pending = '';
    decoder = new StringDecoder('utf8');
  };

  try {
    while (!options.signal.aborted) {
      const info = await stat(file).catch(() => undefined);
      if (!info) {
        // Removed (rotated away): wait for a new file to appear under the same name.
        if (handle) await restart(`${file} was removed; waiting for it to reappear`);
        await pause(interval, options.signal);
        continue;
      }
      if (info.ino !== inode) {
        await restart(inode === -1 ? undefined : `${file} was replaced; reading from the start`);
        inode = info.ino;
      } else if (info.size < offset) {
        await restart(`${file} was truncated; reading from the start`);
      }
      if (info.size <= offset) {
        options.onIdle?.();
        await pause(interval, options.signal);
        continue;
      }
      handle ??= await open(file, 'r');
      const { bytesRead } = await handle.read(buffer, 0, Math.min(CHUNK, info.size - offset), offset);
      if (bytesRead === 0) {
        await pause(interval, options.signal);
        continue;
      }
      offset += bytesRead;
      pending += decoder.write(buffer.subarray(0, bytesRead));
      let start = 0;
      let newline = pending.indexOf('\n');
      while (newline !== -1) {
        const text = pending.slice(start, newline).replace(/\r$/, '');
        start = newline + 1;
        newline = pending.indexOf('\n', start);
        line += 1;
        if (text.trim() === '') continue;
        const parsed = parseRecordLine(text);
        if ('record' in parsed) yield { line, record: parsed.record };
        else options.onSkip?.(skippedLineMessage(file, line, parsed.problem), line);
      }
      pending = pending.slice(start);
    }
  } finally {
    await handle?.close();
  }
}

async function pause(ms: number, signal: AbortSignal): Promise<void> {
  await sleep(ms, undefined, { signal }).catch(() => undefined);
}
