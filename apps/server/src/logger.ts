import { pino, type DestinationStream, type Logger } from 'pino';

import type { LogLevel } from './env';

export type { Logger } from 'pino';

const SECRET_FIELDS = [
  'authorization',
  'password',
  'token',
  'accessToken',
  'refreshToken',
  'jwtSecret',
];

// Nothing should log these fields in the first place; redaction catches a slip,
// at the top level and one or two objects deep (`req.headers.authorization`).
const REDACTED_PATHS = SECRET_FIELDS.flatMap((field) => [field, `*.${field}`, `*.*.${field}`]);

export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  const options = {
    level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  };

  return destination ? pino(options, destination) : pino(options);
}
