import { randomBytes } from 'node:crypto';
import { startBenchDatabase } from './bench-database';
import { startServerProcess, type ServerProcessOptions } from './server-process';
import { seed } from './seed';
import { measureLoginBurst } from './event-loop-under-logins';
const db = await startBenchDatabase(undefined);
const base = { mongodbUri: db.uri, jwtSecret: randomBytes(40).toString('hex'), bcryptCost: 12, logFile: '/tmp/probe-server.log' };
const server = await startServerProcess(base);
const users = await seed(server.url, 20, 1);
await server.stop();
for (const size of [undefined, 1, 2, 4, 8, 16]) {
  const b = await measureLoginBurst((o: Partial<ServerProcessOptions>) => startServerProcess({ ...base, ...o }), users, 20, size);
  console.log(size, b.loop.threads, b.seconds.toFixed(2), Math.round(b.loginP50), Math.round(b.loginMax), 'loop', b.loop.p50, b.loop.p99, b.loop.max, b.loop.samples);
}
await db.stop();
