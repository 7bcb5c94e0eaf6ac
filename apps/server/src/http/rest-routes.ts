import type { RestMethod, RestOperation } from './rest-operations';

/** One REST path and what each method on it runs. */
export type RestRoute = {
  path: string;
  operations: Map<string, RestOperation>;
  methods: RestMethod[];
  /** For the `Allow` header of a 405 or an OPTIONS answer: HEAD wherever GET is. */
  allow: string;
};

const METHOD_ORDER: RestMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/**
 * Matches like trpc-to-openapi: with or without one trailing slash, any case, and
 * a path parameter is one non-empty segment.
 */
function patternOf(path: string): RegExp {
  const segments = path.replace(/\{\w+\}/g, '[^/]+');

  return new RegExp(`^${segments}/?$`, 'i');
}

function routeOf(path: string, operations: RestOperation[]): RestRoute {
  const byMethod = new Map(operations.map((operation) => [operation.method, operation] as const));
  const methods = METHOD_ORDER.filter((method) => byMethod.has(method));
  const allowed = methods.flatMap((method) => (method === 'GET' ? ['GET', 'HEAD'] : [method]));

  return { path, operations: byMethod, methods, allow: [...allowed, 'OPTIONS'].join(', ') };
}

/**
 * The operation a request method runs on a route. HEAD runs the GET (RFC 9110): same
 * status and headers, and Koa leaves the body out of the answer.
 */
export function operationFor(route: RestRoute, method: string): RestOperation | undefined {
  return route.operations.get(method === 'HEAD' ? 'GET' : method);
}

/**
 * Finds the route a request path names, so the REST mount can tell an unknown path
 * (404) from a known one asked with the wrong method (405) before any body is read.
 */
export function createRouteFinder(operations: RestOperation[]): (requestPath: string) => RestRoute | undefined {
  const paths = [...new Set(operations.map((operation) => operation.path))];
  const routes = paths.map((path) => ({
    pattern: patternOf(path),
    route: routeOf(
      path,
      operations.filter((operation) => operation.path === path),
    ),
  }));

  return (requestPath) => routes.find(({ pattern }) => pattern.test(requestPath))?.route;
}
