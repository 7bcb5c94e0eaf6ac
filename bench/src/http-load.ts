import { performance } from 'node:perf_hooks';

import autocannon from 'autocannon';

import { summarize, type LatencySummary } from './latency-summary';

export type HttpLoad = {
  url: string;
  connections: number;
  durationSeconds: number;
  /** autocannon's request templates; a `setupRequest` picks the user, note or token of each request. */
  requests: autocannon.Request[];
  /** Stop early after this many answers (for cases that grow the database). */
  maxAnswers?: number;
};

const REQUEST_TIMEOUT_SECONDS = 10;

/**
 * Loads `url` with autocannon (one request at a time per connection, keep-alive)
 * for the given time. Latencies are taken from every answer as autocannon
 * measures it, in fractional milliseconds (its own histogram keeps whole ones);
 * only 2xx answers count towards the rate.
 */
export async function runHttpLoad(load: HttpLoad): Promise<LatencySummary> {
  const latencies: number[] = [];
  let failures = 0;
  let answers = 0;

  let settle: (error: unknown) => void = () => undefined;
  const finished = new Promise<void>((resolve, reject) => {
    settle = (error) => (error ? reject(error) : resolve());
  });

  const started = performance.now();
  const instance = autocannon(
    {
      url: load.url,
      connections: load.connections,
      duration: load.durationSeconds,
      pipelining: 1,
      timeout: REQUEST_TIMEOUT_SECONDS,
      requests: load.requests,
    },
    (error: unknown) => settle(error),
  );

  instance.on('response', (_client, status, _bytes, milliseconds) => {
    answers += 1;
    if (status >= 200 && status < 300) latencies.push(milliseconds);
    else failures += 1;

    if (load.maxAnswers !== undefined && answers >= load.maxAnswers) instance.stop();
  });
  instance.on('reqError', () => {
    failures += 1;
  });

  await finished;
  const seconds = (performance.now() - started) / 1000;

  return summarize(latencies, seconds, failures);
}
