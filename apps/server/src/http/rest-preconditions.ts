import { VersionConflict } from '@scoped-notes/api';
import type { TRPCError } from '@trpc/server';
import type { OpenAPIObject } from 'trpc-to-openapi';

import { restErrorBody, RestRequestError, type RestErrorBody } from './rest-errors';
import type { RestOperation } from './rest-operations';

/** Where an operation takes `expectedVersion`: the body (PUT, PATCH), the query (DELETE), or nowhere. */
export type VersionPlace = 'body' | 'query' | null;

type Prepared = { body?: unknown; query?: Record<string, unknown[]> };
type ParameterLike = { in?: string; name?: string };
type JsonBody = { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> };

const EXPECTED_VERSION = 'expectedVersion';
// One entity tag: `"3"`, or weak `W/"3"` (compared as if strong: a version is exact).
const ENTITY_TAG = /^(?:W\/)?"(\d{1,15})"$/;

/** A note's version as its (strong) ETag. */
export function versionEtag(version: number): string {
  return `"${version}"`;
}

export function versionPlace(document: OpenAPIObject, operation: RestOperation): VersionPlace {
  const entry = document.paths?.[operation.path]?.[operation.method.toLowerCase() as 'get'];
  const parameters = (entry?.parameters ?? []) as ParameterLike[];
  const bodyFields = (entry?.requestBody as JsonBody | undefined)?.content?.['application/json']?.schema?.properties ?? {};

  if (parameters.some((each) => each.in === 'query' && each.name === EXPECTED_VERSION)) return 'query';

  return Object.hasOwn(bodyFields, EXPECTED_VERSION) ? 'body' : null;
}

/**
 * The version an If-Match header asks for; undefined when there is none or it is
 * `*` (any version: the note need only exist, as every write here requires anyway).
 * A list of tags or anything but one version's ETag is a 400.
 */
export function ifMatchVersion(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '*') return undefined;

  const digits = ENTITY_TAG.exec(header.trim())?.[1];
  const version = digits === undefined ? Number.NaN : Number(digits);
  if (!Number.isSafeInteger(version) || version < 1) {
    throw new RestRequestError(400, 'BAD_REQUEST', 'If-Match must be one ETag of a note, such as "3", or *');
  }

  return version;
}

function disagree(): RestRequestError {
  return new RestRequestError(400, 'BAD_REQUEST', 'If-Match and expectedVersion name different versions');
}

/** Hands If-Match's version to the procedure as `expectedVersion`, where the operation takes one. */
export function applyIfMatch(req: Prepared, place: VersionPlace, version: number): void {
  if (place === 'query') {
    const sent = req.query?.[EXPECTED_VERSION] ?? [];
    if (sent.some((each) => each !== version)) throw disagree();
    req.query = { ...req.query, [EXPECTED_VERSION]: [version] };

    return;
  }

  const body = req.body;
  if (place !== 'body' || typeof body !== 'object' || body === null || Array.isArray(body)) return;

  const fields = body as Record<string, unknown>;
  if (fields[EXPECTED_VERSION] !== undefined && fields[EXPECTED_VERSION] !== version) throw disagree();
  fields[EXPECTED_VERSION] = version;
}

/** The ETag of a successful answer that is one note; none for anything else. */
export function successEtag(data: unknown): Record<string, string> {
  const { id, version } = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
  if (typeof id !== 'string' || typeof version !== 'number') return {};

  return { ETag: versionEtag(version) };
}

/** A stale version's 409 or 412 carries the note's current ETag. */
export function conflictEtag(error: TRPCError): Record<string, string> {
  return error.cause instanceof VersionConflict ? { ETag: versionEtag(error.cause.currentVersion) } : {};
}

/**
 * A stale If-Match is a failed precondition (412), not the 409 the procedure answers
 * for a stale `expectedVersion`; the message, with the current version, stays.
 */
export function asPreconditionFailed(body: RestErrorBody, requestId: string): RestErrorBody {
  return restErrorBody('PRECONDITION_FAILED', body.error.message, body.error.requestId ?? requestId);
}
