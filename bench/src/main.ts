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
import { countCommands } from './command-count';
import { runDriverLoad, type DriverQuery } from './driver-load';
import { measureLoginBurst, type LoginBurst } from './event-loop-under-logins';
import { runHttpLoad } from './http-load';
import { measureLayerCosts } from './layer-costs';
import { describeMachine, loadAverage } from './machine';
import { PERFORMANCE_DOC, REPOSITORY_ROOT } from './paths';
import { withCpuOf } from './process-cpu';
import { renderReport, type Measured } from './report';
import { seed, type SeededUser } from './seed';
import { startServerProcess, type ServerProcess, type ServerProcessOptions } from './server-process';
import { readSettings, type BenchSettings } from './settings';
import { writePerformanceDoc } from './write-performance-doc';

const progress = (message: string) => process.stderr.write(`[bench] ${message}\n`);

const describe = (row: Measured) =>
  `${row.name} via ${row.transport} at ${row.concurrency}: ${row.summary.requestsPerSecond.toFixed(0)} req/s, ` +
  `p50 ${row.summary.p50.toFixed(2)} ms, p99 ${row.summary.p99.toFixed(2)} ms, ${row.summary.failures} failed, ` +
  `${row.cpuMsPerAnswer.toFixed(2)} CPU ms per answer`;

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

const DRIVER_QUERIES: readonly string[] = ['notes.list', 'notes.get', 'notes.create'] satisfies DriverQuery[];

/** Runs one case and notes how much CPU `pid` (the process doing the work) spent per answer. */
async function measure(
  row: Omit<Measured, 'summary' | 'cpuMsPerAnswer'>,
  pid: number,
  run: () => Promise<Measured['summary']>,
): Promise<Measured> {
  const { result: summary, cpuMs } = await withCpuOf(pid, run);
  const measured = { ...row, summary, cpuMsPerAnswer: cpuMs / Math.max(summary.count, 1) };
  progress(describe(measured));

  return measured;
}

/** One API case; its requests are prepared first (the refresh case logs in), outside the measured time. */
async function runApiCase(server: ServerProcess, each: ApiCase, concurrency: number, settings: BenchSettings) {
  const row = { name: each.procedure, transport: each.transport, concurrency };
  const requests = await each.requests(concurrency);
  const load = { url: server.url, connections: concurrency, durationSeconds: settings.durationSeconds, requests };

  const measured = await measure(row, server.pid, () => runHttpLoad({ ...load, maxAnswers: each.maxAnswers }));
  await each.cleanUp?.();

  return measured;
}

type LoadTargets = { server: ServerProcess; cases: ApiCase[]; users: SeededUser[]; database: BenchDatabase };

/**
 * Each API case at each concurrency, and right after the API runs of a query, the
 * same query through the raw driver at the same concurrency: on a machine shared
 * with other work, a ratio of two runs minutes apart would mostly measure that work.
 */
async function loadApiAndDriver({ server, cases, users, database }: LoadTargets, settings: BenchSettings) {
  const api: Measured[] = [];
  const driver: Measured[] = [];
  const db = database.client.db(database.dbName);
  const procedures = [...new Set(cases.map((each) => each.procedure))];

  for (const procedure of procedures) {
    for (const concurrency of settings.concurrencies) {
      for (const each of cases.filter((one) => one.procedure === procedure)) {
        api.push(await runApiCase(server, each, concurrency, settings));
      }

      if (DRIVER_QUERIES.includes(procedure)) {
        const row = { name: procedure, transport: 'mongodb driver', concurrency };
        const run = () => runDriverLoad(db, users, procedure as DriverQuery, concurrency, settings);
        driver.push(await measure(row, process.pid, run));
      }
    }
  }

  return { api, driver };
}

async function loadBareHttp(settings: BenchSettings) {
  const bare = await startBareHttpProcess();
  const rows: Measured[] = [];

  try {
    if (settings.warmupSeconds > 0) {
      await runHttpLoad({ url: bare.url, connections: WARM_UP_CONNECTIONS, durationSeconds: settings.warmupSeconds, requests: [{}] });
    }
    for (const concurrency of settings.concurrencies) {
      const row = { name: 'JSON answer', transport: 'node:http', concurrency };
      const load = { url: bare.url, connections: concurrency, durationSeconds: settings.durationSeconds, requests: [{}] };
      rows.push(await measure(row, bare.pid, () => runHttpLoad(load)));
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

/** Starts production servers on the bench database, one log file each; remembers them to stop them all. */
function serverStarter(database: BenchDatabase, settings: BenchSettings) {
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

  return { start, logDir, jwtSecret, stopAll: () => Promise.all(servers.map((server) => server.stop())) };
}

function countCommandsIfPossible(database: BenchDatabase, users: SeededUser[], start: ReturnType<typeof serverStarter>['start']) {
  const singleHost = /^mongodb:\/\/[^,/]+\//.test(database.uri);
  if (!singleHost) return 'Not counted: the wire count needs a single-host mongodb:// database (the embedded one is).';

  return countCommands(database.uri, users, (mongodbUri) => start({ mongodbUri }));
}

async function main(): Promise<void> {
  const settings = readSettings();
  const machine = describeMachine();
  const loadBefore = loadAverage();

  buildServer();
  const database = await startBenchDatabase(settings.mongodbUri);
  const servers = serverStarter(database, settings);
  progress(`database: ${database.description}; server logs in ${servers.logDir}`);

  try {
    const server = await servers.start();
    progress(`seeding ${settings.users} users × ${settings.notesPerUser} notes`);
    const db = database.client.db(database.dbName);
    const users = await seed(server.url, db, settings.users, settings.notesPerUser);

    const cases = apiCases({ baseUrl: server.url, users, db, createCap: settings.createCap });
    await warmUp(server, cases, settings);
    const { api, driver } = await loadApiAndDriver({ server, cases, users, database }, settings);
    await server.stop();

    progress('measuring each layer in this process');
    const layers = await measureLayerCosts({
      uri: database.uri,
      db,
      users,
      jwtSecret: servers.jwtSecret,
      concurrency: Math.max(...settings.concurrencies),
      durationSeconds: settings.durationSeconds,
    });
    const bareHttp = await loadBareHttp(settings);
    const commands = await countCommandsIfPossible(database, users, servers.start);
    const logins = await measureLogins(servers.start, users, settings);

    const measured = { api, driver, bareHttp, commands, logins, layers };
    const report = renderReport(
      { settings, machine, database: database.description, loadBefore, loadAfter: loadAverage(), ...measured },
      new Date(),
    );
    process.stdout.write(`\n${report}\n`);

    if (settings.writeDoc) {
      await writePerformanceDoc(PERFORMANCE_DOC, report);
      progress(`wrote the report into ${PERFORMANCE_DOC}`);
    }
  } finally {
    await servers.stopAll();
    await database.stop();
  }
}

await main();
