export { EMBEDDED_MONGO_MODES, type DatabaseConfig, type EmbeddedMongoMode } from './database-config';
export type { DatabaseKind, RunningDatabase } from './running-database';
export { startDatabase, type StartDatabaseOptions } from './start-database';
export { locateMongod } from './locate-mongod';
