/**
 * Requests that never reach the 'request' event — oversized headers, a garbled request line,
 * a client that stalls or hangs up before its headers are complete — arrive as the server's
 * 'clientError'. The listener still records each one (the contract: every request leaves a
 * record) and answers it the way Node would have, then closes the connection.
 */
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';

export interface ClientErrorInfo {
  status: number;
  /** Whether a response can still be written (false when the client is already gone). */
  answer: boolean;
  error: string;
  aborted?: boolean;
  method: string;
  target: string;
  rawBytes: number;
}

const HEADER_OVERFLOW = 'HPE_HEADER_OVERFLOW';
const TIMEOUT = 'ERR_HTTP_REQUEST_TIMEOUT';
/** The client closed the connection in the middle of a message. */
const EARLY_EOF = new Set(['HPE_INVALID_EOF_STATE', 'ECONNRESET', 'EPIPE']);

/** Pulls the method and target out of whatever bytes arrived (`POST /hook HTTP/1.1`). */
function requestLine(raw: Buffer | undefined): { method: string; target: string } {
  if (!raw || raw.length === 0) return { method: '', target: '' };
  const end = raw.indexOf('\r\n');
  const first = raw.subarray(0, end === -1 ? Math.min(raw.length, 8192) : end).toString('latin1');
  const match = /^([A-Za-z-]{1,20}) (\S{1,8192})(?: HTTP\/\d\.\d)?/.exec(first);
  return match ? { method: match[1]!.toUpperCase(), target: match[2]! } : { method: '', target: '' };
}

/**
 * Describes a client error, or returns undefined for one that carries no request at all
 * (an idle keep-alive socket reset by its client), which is not worth a record.
 */
export function describeClientError(err: Error & { code?: string; rawPacket?: Buffer }): ClientErrorInfo | undefined {
  const code = err.code ?? 'unknown';
  const raw = err.rawPacket;
  const { method, target } = requestLine(raw);
  const rawBytes = raw?.length ?? 0;
  if (code === HEADER_OVERFLOW)
    return { status: 431, answer: true, error: 'request headers too large', method, target, rawBytes };
  if (code === TIMEOUT)
    return { status: 408, answer: true, error: 'request headers not received in time', method, target, rawBytes };
  if (EARLY_EOF.has(code)) {
    if (rawBytes === 0 && code !== 'HPE_INVALID_EOF_STATE') return undefined;
    return {
      status: 499,
      answer: false,
      aborted: true,
      error: 'client hung up before the headers were complete',
      method,
      target,
      rawBytes,
    };
  }
  return { status: 400, answer: true, error: `malformed request (${code})`, method, target, rawBytes };
}

/** Writes a minimal response straight to the socket (there is no ServerResponse yet) and closes it. */
export function answerRaw(socket: Duplex, status: number): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const reason = STATUS_CODES[status] ?? 'Error';
  const body = `${reason}\n`;
  const head =
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ` +
    `${body.length}\r\n\r\n`;
  socket.end(head + body, () => socket.destroy());
}
