import { STATUS_CODES } from 'node:http';

import type { ApiMeta } from '@scoped-notes/api';
import type { AnyProcedure, AnyRouter } from '@trpc/server';
import { z } from 'zod';

export type RestMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One procedure as the REST mirror serves it, read from its `.meta()`. */
export type RestOperation = {
  /** The procedure's dotted path, such as `notes.create`. */
  procedure: string;
  method: RestMethod;
  /** As the OpenAPI document writes it: no trailing slash, `{id}` for a path parameter. */
  path: string;
  pathParameters: string[];
  successStatus: 200 | 201 | 204;
  /** The procedure's own error statuses (404, 409, …) and what each means. */
  errorResponses: Record<number, string>;
  needsToken: boolean;
  /** False for a procedure with no input, which may then be called without a body. */
  takesInput: boolean;
  /** The first of the input schema's `.meta({ examples })`, for the document's request body. */
  inputExample: unknown;
  /** Input field → its query parameter's REST name, where they differ (`tags` → `tag`). */
  queryNames: Record<string, string>;
};

/** trpc-to-openapi's rule: one leading slash, none at the end. */
export function documentPath(metaPath: string): string {
  return `/${metaPath.replace(/^\/|\/$/g, '')}`;
}

function describedStatuses(errorResponses: number[] | Record<number, string> | undefined): Record<number, string> {
  if (!Array.isArray(errorResponses)) return { ...errorResponses };

  return Object.fromEntries(errorResponses.map((status) => [status, STATUS_CODES[status] ?? 'Error']));
}

function firstExample(procedure: AnyProcedure): unknown {
  const [input] = procedure._def.inputs;
  const examples = input instanceof z.ZodType ? input.meta()?.examples : undefined;

  return Array.isArray(examples) ? examples[0] : undefined;
}

/** Every procedure that has an `openapi` block, in the router's order. */
export function restOperations(router: AnyRouter): RestOperation[] {
  const procedures = Object.entries(router._def.procedures as Record<string, AnyProcedure>);

  return procedures.flatMap(([procedure, definition]) => {
    const meta = definition._def.meta as ApiMeta | undefined;
    const openapi = meta?.openapi;
    if (!openapi || openapi.enabled === false) return [];

    const path = documentPath(openapi.path);

    return [
      {
        procedure,
        method: openapi.method,
        path,
        pathParameters: [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => name as string),
        successStatus: meta.successStatus ?? 200,
        errorResponses: describedStatuses(openapi.errorResponses),
        // trpc-to-openapi's default: an operation needs a token unless it says otherwise.
        needsToken: openapi.protect !== false,
        takesInput: definition._def.inputs.length > 0,
        inputExample: firstExample(definition),
        queryNames: { ...meta.restQueryNames },
      },
    ];
  });
}
