import type { OpenAPIObject } from 'trpc-to-openapi';

import { restErrorBody } from './rest-errors';
import type { RestOperation } from './rest-operations';

type PathItem = NonNullable<OpenAPIObject['paths']>[string];
export type DocumentOperation = NonNullable<PathItem['get']>;
type Responses = NonNullable<DocumentOperation['responses']>;
type Parameter = { in?: string; name?: string };
type JsonBody = { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> };

const ERROR_BODY_REF = { $ref: '#/components/schemas/ErrorBody' };
const EXAMPLE_REQUEST_ID = '3f0c6a52-1d7e-4e53-9c55-2f1f2a9b7e10';

/** The code each documented status carries in `error.code`. */
const CODE_OF_STATUS: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  412: 'PRECONDITION_FAILED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'TOO_MANY_REQUESTS',
  500: 'INTERNAL_SERVER_ERROR',
};

/** Messages as the server words them, for the examples. */
const MESSAGE_OF_STATUS: Record<number, string> = {
  401: 'Missing, invalid or expired token',
  413: 'The body is over the limit of 1048576 bytes',
  415: 'Send the body as application/json',
  429: 'Too many attempts: try again in 60 s',
  500: `Internal server error (request id ${EXAMPLE_REQUEST_ID})`,
};

const HEADERS_OF_STATUS: Record<number, Record<string, { description: string; schema: { type: 'string' } }>> = {
  401: {
    'WWW-Authenticate': {
      description: '`Bearer`, or `Bearer error="invalid_token"` when a token was sent',
      schema: { type: 'string' },
    },
  },
  429: { 'Retry-After': { description: 'Seconds to wait before trying again', schema: { type: 'string' } } },
};

const CURRENT_ETAG = {
  ETag: { description: "The note's current version, as the ETag to send in If-Match", schema: { type: 'string' as const } },
};

/** A note write's 409 (stale `expectedVersion`) or 412 (stale If-Match); its message carries the version. */
function isVersionMismatch(status: number, operation: RestOperation): boolean {
  return (status === 409 || status === 412) && 412 in operation.errorResponses;
}

/** The query parameters and body fields a client sends (path parameters that fail answer 404). */
function inputNames(entry: DocumentOperation): string[] {
  const query = ((entry.parameters ?? []) as Parameter[]).filter((each) => each.in === 'query');
  const body = (entry.requestBody as JsonBody | undefined)?.content?.['application/json']?.schema?.properties ?? {};

  return [...query.map((each) => String(each.name)), ...Object.keys(body)];
}

function errorExample(status: number, operation: RestOperation, entry: DocumentOperation) {
  const code = CODE_OF_STATUS[status] ?? 'ERROR';

  if (status === 400) {
    const field = inputNames(entry)[0] ?? 'input';
    const problem = 'Invalid input: expected string, received number';

    return restErrorBody(code, `Invalid input: ${field}: ${problem}`, EXAMPLE_REQUEST_ID, { [field]: [problem] });
  }

  if (isVersionMismatch(status, operation)) {
    return restErrorBody(code, 'Version mismatch: the note is at version 4', EXAMPLE_REQUEST_ID);
  }

  // A procedure's own error descriptions are the messages it sends, but for 429's count of seconds.
  const own = status === 429 ? undefined : operation.errorResponses[status];

  return restErrorBody(code, own ?? MESSAGE_OF_STATUS[status] ?? code, EXAMPLE_REQUEST_ID);
}

/** Statuses every operation of its kind can answer with, besides the procedure's own. */
function transportErrors(operation: RestOperation, entry: DocumentOperation): Record<number, string> {
  const statuses: Record<number, string> = {};

  if (inputNames(entry).length > 0) statuses[400] = 'Invalid input: `fields` names each failing field';
  if (operation.needsToken) statuses[401] = 'Missing, malformed, expired or wrong-type access token';
  if (entry.requestBody !== undefined) {
    statuses[413] = 'The body is over the size limit (MAX_BODY_BYTES)';
    statuses[415] = 'The body is not application/json';
  }
  statuses[500] = 'Internal server error: no details, they are in the server log under the request id';

  return statuses;
}

function headersOf(status: number, operation: RestOperation) {
  const headers = isVersionMismatch(status, operation) ? CURRENT_ETAG : HEADERS_OF_STATUS[status];

  return headers ? { headers } : {};
}

/** Every error the operation can answer with, each in the one REST error body with an example. */
export function errorResponses(operation: RestOperation, entry: DocumentOperation): Responses {
  const described = { ...transportErrors(operation, entry), ...operation.errorResponses };

  return Object.fromEntries(
    Object.entries(described).map(([status, description]) => [
      status,
      {
        description,
        ...headersOf(Number(status), operation),
        content: {
          'application/json': { schema: ERROR_BODY_REF, example: errorExample(Number(status), operation, entry) },
        },
      },
    ]),
  );
}

/** The generator writes every success as 200; this is the status the REST mirror really sends. */
export function successResponse(operation: RestOperation, generated: Responses): Responses {
  const ok = generated['200'];

  if (operation.successStatus === 204) return { 204: { description: 'Done; the body is empty' } };
  if (operation.successStatus === 201) return { 201: { ...ok, description: 'Created' } };

  return { 200: ok };
}
