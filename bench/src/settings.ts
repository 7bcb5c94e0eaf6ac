import { availableParallelism } from 'node:os';

/** What one benchmark run does; every value can be changed by an environment variable. */
export type BenchSettings = {
  /** Seconds each load case runs (BENCH_DURATION). */
  durationSeconds: number;
  /** Seconds of unmeasured load before the cases, so the server's code is warm (BENCH_WARMUP). */
  warmupSeconds: number;
  /** Concurrent connections (or driver workers) per case (BENCH_CONNECTIONS, comma-separated). */
  concurrencies: number[];
  users: number;
  notesPerUser: number;
  /** At most this many notes made by one create case; they are deleted after it (BENCH_CREATE_CAP). */
  createCap: number;
  bcryptCost: number;
  /** How many logins run at once while the event loop is watched. */
  concurrentLogins: number;
  /** UV_THREADPOOL_SIZE values the login case is repeated with; empty: only the server's own choice. */
  threadPoolSizes: number[];
  /** A real MongoDB to use instead of the embedded jongodb; a fresh database in it is used and dropped. */
  mongodbUri: string | undefined;
  /** Replace the measured section of docs/PERFORMANCE.md with this run's report (BENCH_WRITE=1). */
  writeDoc: boolean;
};

function number(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;

  const value = Number(raw);
  if (!Number.isFinite(value) || value < min) throw new Error(`${name} must be a number of at least ${min}`);

  return value;
}

function numbers(name: string, fallback: number[]): number[] {
  const raw = process.env[name];
  if (raw === undefined) return fallback;

  const values = raw.split(',').filter((part) => part.trim() !== '').map(Number);
  if (values.some((value) => !Number.isInteger(value) || value < 1)) {
    throw new Error(`${name} must be a comma-separated list of whole numbers of at least 1`);
  }

  return values;
}

/** The one place the benchmark reads its environment. */
export function readSettings(): BenchSettings {
  const cores = availableParallelism();

  return {
    durationSeconds: number('BENCH_DURATION', 5, 1),
    warmupSeconds: number('BENCH_WARMUP', 1, 0),
    concurrencies: numbers('BENCH_CONNECTIONS', [1, 32]),
    users: number('BENCH_USERS', 20, 1),
    notesPerUser: number('BENCH_NOTES_PER_USER', 200, 1),
    createCap: number('BENCH_CREATE_CAP', 4000, 1),
    bcryptCost: number('BCRYPT_COST', 12, 4),
    concurrentLogins: number('BENCH_CONCURRENT_LOGINS', 20, 1),
    threadPoolSizes: numbers('BENCH_THREADPOOL_SIZES', [1, cores, 2 * cores, 4 * cores, 8 * cores]),
    mongodbUri: process.env.MONGODB_URI || undefined,
    writeDoc: process.env.BENCH_WRITE === '1',
  };
}
