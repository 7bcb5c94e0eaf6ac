// Preloaded into the server process by the benchmark only (`node --import <this file>`),
// so the server itself carries no debug switch. It watches the event loop's delay and,
// on SIGUSR2, writes one line to stderr and starts over:
//   EVENT_LOOP {"p50":…,"p99":…,"max":…,"mean":…,"samples":…,"threads":…}
// Delays are in milliseconds; `threads` is the process's thread count, which shows the
// libuv thread pool size once the pool has started.
import { readdirSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

const RESOLUTION_MS = 1;
const NS_PER_MS = 1e6;

const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
histogram.enable();

const ms = (nanoseconds) => Math.round((nanoseconds / NS_PER_MS) * 100) / 100;

process.on('SIGUSR2', () => {
  const report = {
    p50: ms(histogram.percentile(50)),
    p99: ms(histogram.percentile(99)),
    max: ms(histogram.max),
    mean: ms(histogram.mean),
    samples: histogram.count,
    threads: readdirSync('/proc/self/task').length,
  };
  histogram.reset();

  process.stderr.write(`EVENT_LOOP ${JSON.stringify(report)}\n`);
});
