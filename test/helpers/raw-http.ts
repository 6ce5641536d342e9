/**
 * Raw bytes on a TCP socket, for requests no HTTP client would send: garbled request lines,
 * broken chunking, a client that hangs up mid-body or trickles its bytes. Resolves with
 * whatever came back once the server closes the connection, or once one whole response has
 * arrived (the server may keep the connection open), or right after a deliberate hang-up.
 */
import { connect } from 'node:net';

export interface RawOptions {
  /** Close our side right after the last piece (a client that hangs up). */
  hangUp?: boolean;
  /** Milliseconds between pieces (a slow client); 0 writes them in one go. */
  gapMs?: number;
}

export interface RawAnswer {
  /** Everything received, latin1. */
  text: string;
  /** The status of the first response, if one arrived. */
  status?: number;
}

function completeResponse(text: string): boolean {
  const head = text.indexOf('\r\n\r\n');
  if (head === -1) return false;
  const length = /\r\ncontent-length: *(\d+)/i.exec(text.slice(0, head));
  if (length) return text.length >= head + 4 + Number(length[1]);
  // No length: the body ends when the server closes the connection.
  return false;
}

export function rawRequest(port: number, pieces: Array<string | Buffer>, options: RawOptions = {}): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    let settled = false;
    const done = () => {
      if (settled) return;
      settled = true;
      socket.destroy();
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(text);
      resolve(status ? { text, status: Number(status[1]) } : { text });
    };
    socket.setEncoding('latin1');
    socket.on('data', (d: string) => {
      text += d;
      if (completeResponse(text)) done();
    });
    socket.on('error', done);
    socket.on('close', done);
    const send = async (): Promise<void> => {
      for (const piece of pieces) {
        if (settled || socket.destroyed) return;
        socket.write(piece);
        if (options.gapMs) await new Promise((r) => setTimeout(r, options.gapMs));
      }
      if (options.hangUp) done();
    };
    socket.on('connect', () => void send());
  });
}

/** A deterministic generator (mulberry32): the same seed gives the same cases on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
