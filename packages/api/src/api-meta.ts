import type { OpenApiMeta } from 'trpc-to-openapi';

/**
 * What a procedure says about itself besides its input and output: where the REST
 * mirror serves it (trpc-to-openapi's `openapi` block, whose `errorResponses` lists
 * the procedure's own error statuses), the status a success answers with there
 * when it is not 200, and query parameters whose REST name differs from the input
 * field (`{ tags: 'tag' }`: `?tag=a&tag=b` fills `tags`).
 */
export type ApiMeta = OpenApiMeta<{ successStatus?: 201 | 204; restQueryNames?: Record<string, string> }>;
