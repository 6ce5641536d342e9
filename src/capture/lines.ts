/**
 * Splits a byte stream into lines the way readline does (a line ends at `\n`, `\r\n` or a lone
 * `\r`, a `\r\n` split across two chunks counts once, and a last line without an ending still
 * counts), but on Buffers: no decoding of whole chunks into strings, no regular expression, and
 * each line is decoded only when it is used.
 */

/** One line's bytes: `bytes[start, end)`. */
export interface LineBytes {
  bytes: Buffer;
  start: number;
  end: number;
}

const LF = 0x0a;
const CR = 0x0d;

export class LineSplitter {
  /** Bytes of a line that has not ended yet (the tail of earlier chunks). */
  private carry: Buffer[] = [];
  /** The previous chunk ended with `\r`: a `\n` opening the next one belongs to it. */
  private afterCR = false;

  /** The lines that end in this chunk, in order. */
  push(chunk: Buffer): LineBytes[] {
    const lines: LineBytes[] = [];
    let pos = 0;
    const length = chunk.length;
    if (this.afterCR) {
      this.afterCR = false;
      if (length > 0 && chunk[0] === LF) pos = 1;
    }
    let cr = length === 0 ? -1 : chunk.indexOf(CR, pos);
    while (pos < length) {
      const lf = chunk.indexOf(LF, pos);
      if (cr !== -1 && cr < pos) cr = chunk.indexOf(CR, pos);
      let end: number;
      let next: number;
      if (cr !== -1 && (lf === -1 || cr < lf)) {
        end = cr;
        if (cr + 1 === length) {
          next = length;
          this.afterCR = true;
        } else next = chunk[cr + 1] === LF ? cr + 2 : cr + 1;
      } else if (lf !== -1) {
        end = lf;
        next = lf + 1;
      } else break;
      lines.push(this.take(chunk, pos, end));
      pos = next;
    }
    if (pos < length) this.carry.push(chunk.subarray(pos));
    return lines;
  }

  /** The last line, when the stream ended without a line ending. */
  end(): LineBytes | undefined {
    if (this.carry.length === 0) return undefined;
    const bytes = this.carry.length === 1 ? this.carry[0]! : Buffer.concat(this.carry);
    this.carry = [];
    return bytes.length > 0 ? { bytes, start: 0, end: bytes.length } : undefined;
  }

  private take(chunk: Buffer, start: number, end: number): LineBytes {
    if (this.carry.length === 0) return { bytes: chunk, start, end };
    this.carry.push(chunk.subarray(start, end));
    const bytes = Buffer.concat(this.carry);
    this.carry = [];
    return { bytes, start: 0, end: bytes.length };
  }
}

/** A line's text (invalid UTF-8 becomes U+FFFD, as a decoding stream would make it). */
export function lineText(line: LineBytes): string {
  return line.bytes.toString('utf8', line.start, line.end);
}
