/**
 * `pnpm bench`: builds the server, runs its production build against a fresh
 * database, loads it on 127.0.0.1 and prints a markdown report (see
 * docs/PERFORMANCE.md for what each part means). Settings: settings.ts.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { apiCases, type ApiCase } from './api-cases';
import { startBareHttpProcess } from './bare-http-process';
import { startBenchDatabase, type BenchDatabase } from './bench-database';
import { countCommands, type CommandCount } from './command-count';
import { runDriverLoad, type DriverQuery } from './driver-load';
import { measureLoginBurst, type LoginBurst } from './event-loop-under-logins';
import { runHttpLoad } from './http-load';
import { describeMachine, loadAverage } from './machine';
import { PERFORMANCE_DOC, REPOSITORY_ROOT } from './paths';
import { renderReport, type Measured } from './report';
import { seed, type SeededUser } from './seed';
import { startServerProcess, type ServerProcess, type ServerProcessOptions } from './server-process';
import { readSettings, type BenchSettings } from './settings';
import { writePerformanceDoc } from './write-performance-doc';

const progress = (message: string) => process.stderr.write(`[bench] ${message}\n`);

const describe = (row: Measured) =>
  `${row.name} via ${row.transport} at ${row.concurrency}: ${row.summary.requestsPerSecond.toFixed(0)} req/s, ` +
  `p50 ${row.summary.p50.toFixed(2)} ms, p99 ${row.summary.p99.toFixed(2)} ms, ${row.summary.failures} failed`;

function buildServer(): void {
  progress('building the server (pnpm --filter @scoped-notes/server build)');
  execFileSync('pnpm', ['--filter', '@scoped-notes/server', 'build'], { cwd: REPOSITORY_ROOT, stdio: ['ignore', 2, 2] });
}

const WARM_UP_CONNECTIONS = 32;

/** Unmeasured load on the read cases first, so the measured runs find the code optimised. */
async function warmUp(server: ServerProcess, cases: ApiCase[], settings: BenchSettings): Promise<void> {
  if (settings.warmupSeconds === 0) return;

  progress(`warming up for ${settings.warmupSeconds} s per read case`);
  for (const each of cases.filter((one) => one.procedure === 'notes.list' || one.procedure === 'notes.get')) {
    await runHttpLoad({
      url: server.url,
      connections: WARM_UP_CONNECTIONS,
      durationSeconds: settings.warmupSeconds,
      requests: await each.requests(WARM_UP_CONNECTIONS),
    });
  }
}

async function loadApi(server: ServerProcess, cases: ApiCase[], settings: BenchSettings) {
  const rows: Measured[] = [];

  for (const each of cases) {
    for (const concurrency of settings.concurrencies) {
      const summary = await runHttpLoad({
        url: server.url,
        connections: concurrency,
        durationSeconds: settings.durationSeconds,
        requests: await each.requests(concurrency),
        maxAnswers: each.maxAnswers,
      });
      await each.cleanUp?.();

      const row = { name: each.procedure, transport: each.transport, concurrency, summary };
      rows.push(row);
      progress(describe(row));
    }
  }

  return rows;
}

async function loadDriver(users: SeededUser[], database: BenchDatabase, settings: BenchSettings) {
  const rows: Measured[] = [];
  const queries: DriverQuery[] = ['notes.list', 'notes.get'];

  for (const query of queries) {
    for (const concurrency of settings.concurrencies) {
      const summary = await runDriverLoad(database.client.db(database.dbName), users, query, concurrency, settings.durationSeconds);
      const row = { name: query, transport: 'mongodb driver', concurrency, summary };
      rows.push(row);
      progress(describe(row));
    }
  }

  return rows;
}

async function loadBareHttp(settings: BenchSettings) {
  const bare = await startBareHttpProcess();
  const rows: Measured[] = [];

  try {
    if (settings.warmupSeconds > 0) {
      await runHttpLoad({ url: bare.url, connections: WARM_UP_CONNECTIONS, durationSeconds: settings.warmupSeconds, requests: [{}] });
    }
    for (const concurrency of settings.concurrencies) {
      const summary = await runHttpLoad({ url: bare.url, connections: concurrency, durationSeconds: settings.durationSeconds, requests: [{}] });
      const row = { name: 'JSON answer', transport: 'node:http', concurrency, summary };
      rows.push(row);
      progress(describe(row));
    }
  } finally {
    await bare.stop();
  }

  return rows;
}

async function measureLogins(
  start: (options: Partial<ServerProcessOptions>) => Promise<ServerProcess>,
  users: SeededUser[],
  settings: BenchSettings,
): Promise<LoginBurst[]> {
  const bursts: LoginBurst[] = [];

  for (const size of [undefined, ...settings.threadPoolSizes]) {
    const burst = await measureLoginBurst(start, users, settings.concurrentLogins, size);
    bursts.push(burst);
    progress(
      `${burst.logins} logins at once, UV_THREADPOOL_SIZE ${size ?? 'unset'}: ${burst.seconds.toFixed(2)} s, ` +
        `event loop p99 ${burst.loop.p99} ms, max ${burst.loop.max} ms`,
    );
  }

  return bursts;
}

async function main(): Promise<void> {
  const settings = readSettings();
  const machine = describeMachine();
  const loadBefore = loadAverage();

  buildServer();
  const database = await startBenchDatabase(settings.mongodbUri);
  const logDir = mkdtempSync(join(tmpdir(), 'scoped-notes-bench-'));
  const jwtSecret = randomBytes(48).toString('base64url');
  const servers: ServerProcess[] = [];
  const start = async (options: Partial<ServerProcessOptions> = {}) => {
    const server = await startServerProcess({
      mongodbUri: database.uri,
      jwtSecret,
      bcryptCost: settings.bcryptCost,
      logFile: join(logDir, `server-${servers.length + 1}.log`),
      ...options,
    });
    servers.push(server);

    return server;
  };
  progress(`database: ${database.description}; server logs in ${logDir}`);

  try {
    const server = await start();
    progress(`seeding ${settings.users} users × ${settings.notesPerUser} notes`);
    const users = await seed(server.url, settings.users, settings.notesPerUser);

    const db = database.client.db(database.dbName);
    const cases = apiCases({ baseUrl: server.url, users, db, createCap: settings.createCap });
    await warmUp(server, cases, settings);
    const api = await loadApi(server, cases, settings);
    await server.stop();

    const driver = await loadDriver(users, database, settings);
    const bareHttp = await loadBareHttp(settings);

    const singleHost = /^mongodb:\/\/[^,/]+\//.test(database.uri);
    const commands: CommandCount[] | string = singleHost
      ? await countCommands(database.uri, users, (mongodbUri) => start({ mongodbUri }))
      : 'Not counted: the wire count needs a single-host mongodb:// database (the embedded one is).';

    const logins = await measureLogins(start, users, settings);

    const report = renderReport(
      { settings, machine, database: database.description, loadBefore, loadAfter: loadAverage(), api, driver, bareHttp, commands, logins },
      new Date(),
    );
    process.stdout.write(`\n${report}\n`);

    if (settings.writeDoc) {
      await writePerformanceDoc(PERFORMANCE_DOC, report);
      progress(`wrote the report into ${PERFORMANCE_DOC}`);
    }
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
    await database.stop();
  }
}

await main();
