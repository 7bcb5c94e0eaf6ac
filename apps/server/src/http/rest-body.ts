import coBody from 'co-body';

import type { AppContext } from './app-state';
import { CONTENT_CODING_MESSAGE, hasContentCoding } from './content-coding';
import { RestRequestError } from './rest-errors';

const JSON_TYPE = 'application/json';
const MAX_DEPTH = 32;

function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;

  return typeof status === 'number' ? status : undefined;
}

/** How deeply arrays and objects nest; stops counting past `limit`. */
function depthOf(value: unknown, limit: number): number {
  if (typeof value !== 'object' || value === null || limit === 0) return 0;

  let deepest = 0;
  for (const child of Object.values(value)) {
    deepest = Math.max(deepest, depthOf(child, limit - 1));
    if (deepest >= limit - 1) break;
  }

  return deepest + 1;
}

function hasBody(ctx: AppContext): boolean {
  return ctx.get('transfer-encoding') !== '' || (ctx.request.length ?? 0) > 0;
}

/**
 * The JSON body of a POST, PUT or PATCH, read with co-body. A body that is not JSON,
 * or is sent compressed, is refused before it is read, and one over `limitBytes`
 * before it is parsed (at once when its Content-Length says so). Only an object or an
 * array is accepted, `__proto__` keys are refused, and so is nesting deeper than any
 * input needs.
 */
export async function readJsonBody(
  ctx: AppContext,
  limitBytes: number,
  { optional = false }: { optional?: boolean } = {},
): Promise<unknown> {
  if (hasContentCoding(ctx)) throw new RestRequestError(415, 'UNSUPPORTED_MEDIA_TYPE', CONTENT_CODING_MESSAGE);
  // What is left says `identity`, in some spelling; co-body knows only the lower-case one.
  delete ctx.req.headers['content-encoding'];

  // An operation that takes no input (log out everywhere) may be sent no body at all.
  if (optional && !hasBody(ctx)) return undefined;

  if (!ctx.is(JSON_TYPE)) {
    throw new RestRequestError(415, 'UNSUPPORTED_MEDIA_TYPE', `Send the body as ${JSON_TYPE}`);
  }

  let body: unknown;
  try {
    body = await coBody.json(ctx.req, { limit: limitBytes, strict: true });
  } catch (error) {
    // co-body keeps the raw body on its errors: they are never logged or echoed.
    const status = statusOf(error);
    if (status === 413) {
      throw new RestRequestError(413, 'PAYLOAD_TOO_LARGE', `The body is over the limit of ${limitBytes} bytes`);
    }
    if (status === 415) throw new RestRequestError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the body as UTF-8 JSON');
    if (status !== undefined && status < 500) {
      throw new RestRequestError(400, 'BAD_REQUEST', 'The body is not a JSON object');
    }

    throw error;
  }

  // No input of this API nests deeply; a body that does would only exhaust the stack.
  if (depthOf(body, MAX_DEPTH + 1) > MAX_DEPTH) {
    throw new RestRequestError(400, 'BAD_REQUEST', `The body nests deeper than ${MAX_DEPTH} levels`);
  }

  return body;
}
