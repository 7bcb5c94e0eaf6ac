const UNAVAILABLE_ERROR_NAMES = new Set([
  'MongoServerSelectionError',
  'MongooseServerSelectionError',
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
  'MongoPoolClearedError',
]);

// Socket failures the driver can pass on as they are, when the server vanishes
// while a command is being written.
const UNAVAILABLE_SOCKET_CODES = new Set(['EPIPE', 'ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'ENOTCONN', 'ERR_SOCKET_CLOSED']);

/**
 * Whether an error means the database could not be reached (as opposed to a
 * query it refused), so the caller can be told to retry instead of seeing a 500.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth += 1) {
    if (UNAVAILABLE_ERROR_NAMES.has(current.name)) return true;
    if (UNAVAILABLE_SOCKET_CODES.has(String((current as { code?: unknown }).code))) return true;
    if (current.name === 'MongooseError' && /buffering timed out|before initial connection/.test(current.message)) return true;

    current = current.cause;
  }

  return false;
}
