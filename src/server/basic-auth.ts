/** Parses an `Authorization: Basic …` header; undefined when absent or malformed. */
export interface BasicCredentials {
  user: string;
  password: string;
}

export function parseBasicAuth(header: string | string[] | undefined): BasicCredentials | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return undefined;
  const m = /^\s*basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(value);
  if (!m) return undefined;
  const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}
