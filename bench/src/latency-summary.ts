/** What one load case measured: its rate and latencies of the successful answers, in milliseconds. */
export type LatencySummary = {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  /** Successful answers counted. */
  count: number;
  /** Answers that were not 2xx, plus connection errors and timeouts. */
  failures: number;
};

/** The smallest sample at or above the fraction `p` of all samples (nearest rank). */
function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;

  const rank = Math.ceil(p * sorted.length);

  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

export function summarize(latenciesMs: number[], seconds: number, failures: number): LatencySummary {
  const sorted = [...latenciesMs].sort((a, b) => a - b);

  return {
    requestsPerSecond: sorted.length / seconds,
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    count: sorted.length,
    failures,
  };
}
