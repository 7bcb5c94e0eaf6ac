import { TRPC_ERROR_CODES_BY_KEY } from '@trpc/server/rpc';

type TrpcErrorCode = keyof typeof TRPC_ERROR_CODES_BY_KEY;

/**
 * An error refused before tRPC runs, in the shape the router's error formatter
 * gives every other tRPC error (packages/api/src/trpc.ts), so a client reads one shape.
 */
export function trpcErrorBody(code: TrpcErrorCode, httpStatus: number, message: string, path: string, requestId: string) {
  return {
    error: {
      code: TRPC_ERROR_CODES_BY_KEY[code],
      message,
      data: { code, httpStatus, path, requestId, fields: null },
    },
  };
}
