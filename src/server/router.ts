/**
 * A small method + path router for the sandbox servers. Patterns name their parameters in
 * braces, the way API references write them: `/api/cases/{id}/messages.json`. A parameter
 * matches one path segment (or the part of it before a literal suffix such as `.json`).
 */
import type { Reply } from './http.js';
import { safeDecodeURIComponent } from './target.js';

export interface RouteRequest {
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export type RouteHandler<C> = (req: RouteRequest, ctx: C) => Reply | Promise<Reply>;

interface Route<C> {
  method: string;
  pattern: RegExp;
  handler: RouteHandler<C>;
}

export interface RouteMatch<C> {
  handler: RouteHandler<C>;
  params: Record<string, string>;
}

function compile(pattern: string): RegExp {
  const parts = pattern.split(/(\{\w+\})/);
  const source = parts
    .map((part) => {
      const param = /^\{(\w+)\}$/.exec(part);
      if (param) return `(?<${param[1]}>[^/]+?)`;
      return part.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
    })
    .join('');
  return new RegExp(`^${source}$`);
}

export class Router<C> {
  private readonly routes: Array<Route<C>> = [];

  on(method: string, pattern: string, handler: RouteHandler<C>): this {
    this.routes.push({ method: method.toUpperCase(), pattern: compile(pattern), handler });
    return this;
  }

  /**
   * `undefined` when no route has this path; `'method'` when the path exists under another
   * method, so the server can answer 405 instead of a misleading 404.
   */
  match(method: string, path: string): RouteMatch<C> | 'method' | undefined {
    let pathSeen = false;
    for (const route of this.routes) {
      const m = route.pattern.exec(path);
      if (!m) continue;
      pathSeen = true;
      if (route.method !== method.toUpperCase()) continue;
      const params: Record<string, string> = {};
      for (const [k, v] of Object.entries(m.groups ?? {})) params[k] = safeDecodeURIComponent(v);
      return { handler: route.handler, params };
    }
    return pathSeen ? 'method' : undefined;
  }
}
