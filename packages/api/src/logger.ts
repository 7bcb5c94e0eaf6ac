/** The slice of a pino logger the router uses; the host passes its own. */
export type ApiLogger = {
  info(fields: object, message?: string): void;
  warn(fields: object, message?: string): void;
  error(fields: object, message?: string): void;
  child(bindings: object): ApiLogger;
};
