export { createApp, type CreateAppOptions } from './app';
export { EnvError, parseEnv, type ServerConfig } from './env';
export { createLogger, type Logger } from './logger';
export { startServer, type RunningServer, type StartServerOptions } from './server';
