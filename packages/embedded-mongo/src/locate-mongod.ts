import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import path from 'node:path';

import { DryMongoBinary } from 'mongodb-memory-server-core';

import type { DatabaseConfig } from './database-config';

async function isExecutableFile(file: string): Promise<boolean> {
  try {
    await access(file, constants.X_OK);

    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

async function findOnSearchPath(searchPath: string): Promise<string | undefined> {
  const folders = searchPath.split(path.delimiter).filter((folder) => folder.length > 0);

  for (const folder of folders) {
    const candidate = path.join(folder, 'mongod');
    if (await isExecutableFile(candidate)) return candidate;
  }

  return undefined;
}

/**
 * Finds a mongod already on this machine, without downloading: the explicit
 * MONGOMS_SYSTEM_BINARY, then `mongod` on PATH, then mongodb-memory-server's cache.
 * @throws {Error} when MONGOMS_SYSTEM_BINARY names something that cannot run.
 */
export async function locateMongod(
  config: Pick<DatabaseConfig, 'mongodBinary' | 'searchPath'>,
): Promise<string | undefined> {
  if (config.mongodBinary) {
    const explicit = path.resolve(config.mongodBinary);
    if (await isExecutableFile(explicit)) return explicit;

    throw new Error(`MONGOMS_SYSTEM_BINARY is set, but ${explicit} is not an executable file`);
  }

  const onPath = await findOnSearchPath(config.searchPath);
  if (onPath) return onPath;

  // The version mongodb-memory-server would download; the cache is keyed by it.
  return DryMongoBinary.locateBinary(DryMongoBinary.getEnsuredOptions());
}
