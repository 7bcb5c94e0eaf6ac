import type { NotesClientError } from './errors';

const WHOLE_SECONDS = /^\d+$/;
// Each of the three HTTP date formats names the month; this keeps Date.parse from
// taking `-5` or `2` for a year.
const MONTH_NAME = /\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b/;

type HeadersLike = { get(name: string): string | null };

/**
 * The headers of the HTTP answer a failed call got. tRPC's `httpLink` keeps that answer
 * in the error's `meta.response`; a call that got no answer has none. Any `fetch` may
 * have made it, so the headers are recognised by shape rather than by class.
 */
function answerHeaders(error: NotesClientError): HeadersLike | undefined {
  const response = error.meta?.['response'] as { headers?: Partial<HeadersLike> } | undefined;
  const headers = response?.headers;

  return typeof headers?.get === 'function' ? (headers as HeadersLike) : undefined;
}

/**
 * The seconds the answer's `Retry-After` asks to wait: whole seconds, or an HTTP date
 * (RFC 9110 10.2.3) counted from now and rounded up; undefined when there is no such
 * header or it says neither.
 */
export function retryAfterSeconds(error: NotesClientError): number | undefined {
  const header = answerHeaders(error)?.get('retry-after')?.trim();
  if (!header) return undefined;

  if (WHOLE_SECONDS.test(header)) return Number(header);
  if (!MONTH_NAME.test(header)) return undefined;

  const at = Date.parse(header);

  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}
