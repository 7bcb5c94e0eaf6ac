export type ErrorBody = { error: { code: string; message: string; requestId: string | null } };

export function errorBody(code: string, message: string, requestId: string | undefined): ErrorBody {
  return { error: { code, message, requestId: requestId ?? null } };
}
