import type { OpenAPIObject } from 'trpc-to-openapi';

import { RestRequestError } from './rest-errors';
import type { RestOperation } from './rest-operations';

type ParameterLike = { in?: string; name?: string; schema?: { type?: unknown } };

const NUMBER_TYPES = new Set(['integer', 'number']);
const DECIMAL = /^-?\d+(\.\d+)?$/;

/** The query parameters the OpenAPI document types as numbers, for one operation. */
export function numericQueryParameters(document: OpenAPIObject, operation: RestOperation): Set<string> {
  const entry = document.paths?.[operation.path]?.[operation.method.toLowerCase() as 'get'];
  const parameters = (entry?.parameters ?? []) as ParameterLike[];

  const numeric = parameters.filter(
    (parameter) => parameter.in === 'query' && NUMBER_TYPES.has(String(parameter.schema?.type)),
  );

  return new Set(numeric.map((parameter) => String(parameter.name)));
}

/**
 * The query string as trpc-to-openapi reads `req.query` (every value in a list),
 * with decimal text turned into a number where the document types the parameter
 * as one. The schema then checks the number as tRPC would; anything else stays text
 * and fails there as a 400 naming the field. A parameter with a REST name of its
 * own (`queryNames`, input field → REST name) fills its input field, and the field's
 * own name is refused so there is one way to send it.
 */
export function restQuery(
  search: URLSearchParams,
  numericNames: Set<string>,
  queryNames: Record<string, string> = {},
): Record<string, unknown[]> {
  const fieldOfRestName = new Map(Object.entries(queryNames).map(([field, restName]) => [restName, field]));
  // No prototype: a parameter named `__proto__` is then just a name.
  const query = Object.create(null) as Record<string, unknown[]>;

  for (const [name, value] of search) {
    const renamedTo = Object.hasOwn(queryNames, name) ? queryNames[name] : undefined;
    if (renamedTo !== undefined && !fieldOfRestName.has(name)) {
      throw new RestRequestError(400, 'BAD_REQUEST', `Unknown query parameter ${name}: use ${renamedTo}`);
    }

    const typed = numericNames.has(name) && DECIMAL.test(value) ? Number(value) : value;
    (query[fieldOfRestName.get(name) ?? name] ??= []).push(typed);
  }

  return query;
}
