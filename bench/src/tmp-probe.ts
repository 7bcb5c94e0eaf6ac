import { randomBytes } from 'node:crypto';
import { startBenchDatabase } from './bench-database';
import { startServerProcess } from './server-process';
import { seed } from './seed';
import { apiCases } from './api-cases';
import { runHttpLoad } from './http-load';
const db = await startBenchDatabase(undefined);
const server = await startServerProcess({ mongodbUri: db.uri, jwtSecret: randomBytes(40).toString('hex'), bcryptCost: 4, logFile: '/tmp/probe-server.log', nodeFlags: process.env.PROF ? ['--cpu-prof', '--cpu-prof-dir=/tmp/prof'] : [] });
const users = await seed(server.url, 4, 50);
const cases = apiCases({ baseUrl: server.url, users, db: db.client.db(db.dbName), createCap: 1000 });
const which = process.argv[2] ?? 'notes.get';
for (const c of cases.filter((x) => x.procedure === which)) {
  for (const conc of [32, 32]) {
    const s = await runHttpLoad({ url: server.url, connections: conc, durationSeconds: 3, requests: await c.requests(conc) });
    console.log(c.procedure, c.transport, conc, Math.round(s.requestsPerSecond), s.p50.toFixed(2), s.p99.toFixed(2), s.failures);
  }
}
await server.stop(); await db.stop();
