import { pino } from 'pino';

import type { DatabaseConfig } from './database-config';
import type { Logger } from 'pino';
import { jongodbBinaryPath, startJongodb } from './jongodb';
import { locateMongod } from './locate-mongod';
import { startMongod } from './mongod';
import type { RunningDatabase } from './running-database';

export type StartDatabaseOptions = { log?: Logger };

function externalDatabase(uri: string): RunningDatabase {
  return {
    uri,
    kind: 'external',
    persistent: true,
    // The URI may carry a password, so it stays out of the description.
    description: 'external MongoDB from MONGODB_URI',
    stop: async () => {},
  };
}

/**
 * The one place that decides which database the server uses:
 * - MONGODB_URI when set;
 * - otherwise an embedded one, which loses its data when it stops:
 *   `mongod` mode runs a real mongod (found locally, else downloaded),
 *   `jongodb` mode runs the bundled jongodb binary,
 *   `auto` runs a mongod only if one is already on this machine, and jongodb otherwise.
 */
export async function startDatabase(
  config: Partial<DatabaseConfig> = {},
  options: StartDatabaseOptions = {},
): Promise<RunningDatabase> {
  const log = options.log ?? pino({ level: 'silent' });
  const mode = config.embedded ?? 'auto';

  if (config.uri) return externalDatabase(config.uri);
  if (mode === 'jongodb') return startJongodb(log);

  const mongod = await locateMongod({ mongodBinary: config.mongodBinary, searchPath: config.searchPath ?? '' });
  if (mongod || mode === 'mongod') return startMongod(mongod);

  // A failed mongod download takes seconds even offline, so auto mode never tries one.
  if (!jongodbBinaryPath()) {
    throw new Error(
      'No database available: set MONGODB_URI, put mongod on PATH (or MONGOMS_SYSTEM_BINARY), ' +
        'or set EMBEDDED_MONGO=mongod to let mongodb-memory-server download one',
    );
  }

  return startJongodb(log);
}
