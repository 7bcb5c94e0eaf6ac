import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { locateMongod } from '../src/locate-mongod';
import { startDatabase } from '../src/start-database';
import { acceptsConnections, waitUntilClosed } from '../src/port-probe';

const packageRoot = fileURLToPath(new URL('..', import.meta.url));

async function ping(uri: string): Promise<number> {
  const connection = await mongoose.createConnection(uri, { serverSelectionTimeoutMS: 5_000 }).asPromise();

  try {
    const reply = await connection.db!.admin().ping();

    return reply.ok as number;
  } finally {
    await connection.close();
  }
}

describe('startDatabase(config)', () => {
  it('starts jongodb, which answers a ping through mongoose, and stops it again', async () => {
    const database = await startDatabase({ embedded: 'jongodb' });
    const address = new URL(database.uri).host;

    expect(database).toMatchObject({ kind: 'jongodb', persistent: false });
    expect(database.description).toContain(address);
    expect(await ping(database.uri)).toBe(1);

    await database.stop();

    expect(await acceptsConnections(address)).toBe(false);
  });

  it('in auto mode never waits on a download: without a local mongod it takes jongodb at once', async () => {
    const localMongod = await locateMongod({ mongodBinary: undefined, searchPath: '' });
    const startedAt = performance.now();

    const database = await startDatabase({ embedded: 'auto', searchPath: '' });
    const elapsedMs = performance.now() - startedAt;
    await database.stop();

    expect(database.kind).toBe(localMongod ? 'mongod' : 'jongodb');
    // A failed download alone takes about 7 s here.
    expect(elapsedMs).toBeLessThan(3_000);
  });

  it('uses MONGODB_URI as given, starts nothing, and keeps the URI out of its description', async () => {
    const uri = 'mongodb://admin:hunter2@db.example:27017/notes';

    const database = await startDatabase({ uri, embedded: 'jongodb' });
    await database.stop();

    expect(database).toMatchObject({ uri, kind: 'external', persistent: true });
    expect(database.description).not.toContain('hunter2');
  });

  it('takes jongodb down with the process that started it, even after a SIGKILL', async () => {
    const holder = spawn(process.execPath, ['--import', 'tsx', 'test/support/hold-jongodb.ts'], {
      cwd: packageRoot,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const [uriLine] = (await once(createInterface({ input: holder.stdout }), 'line')) as [string];
    const address = new URL(uriLine).host;
    expect(await acceptsConnections(address)).toBe(true);

    holder.kill('SIGKILL');
    await once(holder, 'exit');

    // The watchdog checks every 2 s.
    expect(await waitUntilClosed(address, 6_000)).toBe(true);
  });
});

describe('locateMongod(config)', () => {
  let folder: string;

  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'locate-mongod-'));
  });

  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  async function fakeFile(name: string, mode: number): Promise<string> {
    const file = path.join(folder, name);
    await writeFile(file, '#!/bin/sh\nexit 1\n');
    await chmod(file, mode);

    return file;
  }

  it('returns MONGOMS_SYSTEM_BINARY when it names an executable file', async () => {
    const binary = await fakeFile('explicit-mongod', 0o755);

    expect(await locateMongod({ mongodBinary: binary, searchPath: '' })).toBe(binary);
  });

  it('refuses a MONGOMS_SYSTEM_BINARY that cannot run, naming the variable', async () => {
    const notExecutable = await fakeFile('plain-file', 0o644);

    await expect(locateMongod({ mongodBinary: notExecutable, searchPath: '' })).rejects.toThrow(
      /MONGOMS_SYSTEM_BINARY/,
    );
  });

  it('finds the first executable mongod on the search path', async () => {
    const skipped = path.join(folder, 'skipped');
    const chosen = path.join(folder, 'chosen');
    await Promise.all([mkdir(skipped), mkdir(chosen)]);
    await writeFile(path.join(skipped, 'mongod'), 'not runnable', { mode: 0o644 });
    await writeFile(path.join(chosen, 'mongod'), '#!/bin/sh\nexit 1\n', { mode: 0o755 });

    const searchPath = [path.join(folder, 'missing'), skipped, chosen].join(path.delimiter);

    expect(await locateMongod({ mongodBinary: undefined, searchPath })).toBe(path.join(chosen, 'mongod'));
  });
});

