import type { ApiLogger } from './logger';
import type { Services } from './services';

export type CreateContextOptions = {
  services: Services;
  /** The raw `Authorization` header, if any. */
  authorization: string | undefined;
  requestId: string;
  log: ApiLogger;
  clientAddress: string;
  userAgent: string | undefined;
};

export type Context = CreateContextOptions;

export function createContext(options: CreateContextOptions): Context {
  return options;
}
