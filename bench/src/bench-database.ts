import { randomBytes } from 'node:crypto';

import { startDatabase } from '@scoped-notes/embedded-mongo';
import { MongoClient } from 'mongodb';

export type BenchDatabase = {
  /** The connection string the server gets: the bench's own database on it. */
  uri: string;
  /** What it is, for the report. */
  description: string;
  /** A client of the raw driver on the same database, for seeding checks and the baseline. */
  client: MongoClient;
  dbName: string;
  stop(): Promise<void>;
};

/** `uri` with its database name (the path) replaced by `name`, options kept. */
export function withDatabaseName(uri: string, name: string): string {
  const match = /^(mongodb(?:\+srv)?:\/\/[^/?]+)(?:\/[^?]*)?(\?.*)?$/.exec(uri);
  if (!match) throw new Error('MONGODB_URI is not a mongodb:// or mongodb+srv:// connection string');

  return `${match[1]}/${name}${match[2] ?? ''}`;
}

/**
 * A fresh database for one run: on MONGODB_URI when given (dropped at the end), else
 * on an embedded jongodb started here, so the server and the raw-driver baseline
 * share it.
 */
export async function startBenchDatabase(mongodbUri: string | undefined): Promise<BenchDatabase> {
  const dbName = `scoped-notes-bench-${randomBytes(4).toString('hex')}`;
  const embedded = mongodbUri ? undefined : await startDatabase({ embedded: 'jongodb' });
  const uri = withDatabaseName(mongodbUri ?? (embedded?.uri as string), dbName);

  const client = new MongoClient(uri);
  await client.connect();

  const stop = async () => {
    if (!embedded) await client.db(dbName).dropDatabase();
    await client.close();
    await embedded?.stop();
  };

  const description = embedded ? embedded.description : 'MongoDB from MONGODB_URI';

  return { uri, description, client, dbName, stop };
}
