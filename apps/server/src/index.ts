export { createApp, type CreateAppOptions } from './app';
export { startDatabase, type StartDatabaseOptions } from './database/start-database';
export type { DatabaseKind, RunningDatabase } from './database/running-database';
export { EnvError, parseEnv, type DatabaseConfig, type ServerConfig } from './env';
export { createLogger, type Logger } from './logger';
export { startServer, type RunningServer, type StartServerOptions } from './server';
