import { appRouter } from '@scoped-notes/api';
import { generateOpenApiDocument, type OpenAPIObject } from 'trpc-to-openapi';

import { errorResponses, successResponse, type DocumentOperation } from './openapi-responses';
import { restErrorBodySchema } from './rest-errors';
import { restOperations, type RestOperation } from './rest-operations';

const API_VERSION = '1.0.0';
const BEARER_SCHEME = 'bearerAuth';

const DESCRIPTION = `
The REST mirror of the scoped-notes tRPC API: the same procedures, inputs and errors.

**Authorising.** Register (\`POST /api/register/\`), log in (\`POST /api/token/\`), then send the
\`access\` token as \`Authorization: Bearer <access>\`; in this page, paste it under *Authorize*.
When it expires (401), trade the \`refresh\` token at \`POST /api/token/refresh/\` for a new pair.

**Paths** answer with or without the trailing slash. Every path that answers GET also answers
HEAD: the same status and headers, without the body. A known path asked with another method
answers 405 with an \`Allow\` header; \`OPTIONS\` answers 204 with the same header.

**Errors** all have one body: \`{ "error": { "code", "message", "requestId", "fields" } }\`.
\`fields\` names each failing field of a 400 and is null otherwise; \`requestId\` is also the
\`X-Request-Id\` header. Bodies must be \`application/json\` (else 415) and at most the server's
MAX_BODY_BYTES (else 413). Another user's note, a deleted one and a malformed id all answer
the same 404.

**Versions.** A note's \`version\` is its ETag (\`"3"\`): reading or writing a note answers with it,
and \`If-Match\` on PUT, PATCH or DELETE lets the write happen only at that version (else 412,
with the current ETag).
`.trim();

/**
 * zod leaves a schema's examples out of input documents when the schema transforms
 * (sign-up normalises the username), so each body's example is set on its media type.
 */
function addRequestExample(operation: RestOperation, entry: DocumentOperation): void {
  const requestBody = entry.requestBody as { content?: Record<string, { example?: unknown }> } | undefined;
  const json = requestBody?.content?.['application/json'];

  if (json && operation.inputExample !== undefined) json.example = operation.inputExample;
}

/** Query parameters under their REST names (`?tag=` for the `tags` field). */
function renameQueryParameters(operation: RestOperation, entry: DocumentOperation): void {
  for (const parameter of (entry.parameters ?? []) as Array<{ in?: string; name?: string }>) {
    const restName = parameter.in === 'query' && parameter.name ? operation.queryNames[parameter.name] : undefined;
    if (restName) parameter.name = restName;
  }
}

/**
 * The OpenAPI 3.1 document of the REST mirror, generated from the router by
 * trpc-to-openapi. Each operation is then completed from its procedure's meta: the
 * success status it really sends (201, 204), the REST error body (rest-errors.ts)
 * in place of the generator's own error schema, and its request body's example.
 */
export function createOpenApiDocument(): OpenAPIObject {
  const document = generateOpenApiDocument(appRouter, {
    title: 'Scoped Notes API',
    version: API_VERSION,
    description: DESCRIPTION,
    baseUrl: '/',
    tags: ['auth', 'notes'],
    securitySchemes: {
      [BEARER_SCHEME]: {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description: 'The `access` token from POST /api/token/',
      },
    },
    defs: { ErrorBody: restErrorBodySchema },
  });

  for (const operation of restOperations(appRouter)) {
    const entry = document.paths?.[operation.path]?.[operation.method.toLowerCase() as 'get'];
    if (!entry) throw new Error(`The OpenAPI document lacks ${operation.method} ${operation.path}`);

    entry.responses = { ...successResponse(operation, entry.responses ?? {}), ...errorResponses(operation, entry) };
    addRequestExample(operation, entry);
    renameQueryParameters(operation, entry);
  }

  // The generator's own error schemas, no longer referenced.
  const schemas = document.components?.schemas ?? {};
  for (const name of Object.keys(schemas)) {
    if (name.startsWith('error.')) delete schemas[name];
  }

  return document;
}
