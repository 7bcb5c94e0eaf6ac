import type Koa from 'koa';

import type { Logger } from '../logger';

/** What the early middleware leave on `ctx.state` for the rest of the request. */
export type AppState = {
  requestId: string;
  /** A child of the server's logger, bound to this request's id. */
  log: Logger;
};

export type AppMiddleware = Koa.Middleware<AppState>;

export type AppContext = Koa.ParameterizedContext<AppState>;
