import { MongoMemoryServer } from 'mongodb-memory-server-core';

import type { RunningDatabase } from './running-database';

/**
 * Starts a real mongod through mongodb-memory-server, in a temporary folder that
 * is deleted when it stops. Without `binary`, mongodb-memory-server downloads one.
 */
export async function startMongod(binary: string | undefined): Promise<RunningDatabase> {
  const server = await MongoMemoryServer.create({
    binary: binary ? { systemBinary: binary } : {},
    instance: { ip: '127.0.0.1' },
  });

  const uri = server.getUri();
  const source = binary ?? 'a mongod downloaded by mongodb-memory-server';

  return {
    uri,
    kind: 'mongod',
    persistent: false,
    description: `embedded mongod (${source}) at ${new URL(uri).host}, in a temporary folder`,
    stop: async () => {
      await server.stop({ doCleanup: true });
    },
  };
}
