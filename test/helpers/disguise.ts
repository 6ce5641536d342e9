/**
 * A sandbox server as a real account looks: a proxy that drops the x-omnibot-sandbox response
 * header and answers 404 on the admin path, so omnibot takes the paths it takes off the sandbox
 * (manual steps walked through, behaviour judged from the API alone).
 */
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Starts the proxy on 127.0.0.1:0; `servers` collects it for the caller's afterEach to close. */
export async function disguise(target: string, servers: Server[]): Promise<string> {
  const to = new URL(target);
  const server = createServer((req, res) => {
    if (req.url?.startsWith('/_sandbox')) {
      res.writeHead(404).end();
      return;
    }
    const headers = { ...req.headers, host: to.host };
    const out = request({ host: to.hostname, port: to.port, method: req.method, path: req.url, headers }, (up) => {
      const { 'x-omnibot-sandbox': _marker, ...rest } = up.headers;
      res.writeHead(up.statusCode ?? 502, rest);
      up.pipe(res);
    });
    out.on('error', () => res.writeHead(502).end());
    req.pipe(out);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
