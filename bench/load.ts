// A small closed-loop HTTP load generator. Written by hand because the budgets are on p95 and the usual generator
// (autocannon) reports p90/p97.5 only; this keeps every latency and computes exact percentiles.
export interface LoadResult {
  requests: number;
  p50: number;
  p95: number;
  requestsPerSecond: number;
  errors: number;
}

/** What one run of `load` observed, kept whole so that runs can be combined (see `combine`). */
export interface LoadSample extends LoadResult {
  latencies: number[];
  seconds: number;
}

export interface LoadOptions {
  requests: number;
  concurrency: number;
  warmup: number;
  /** Whether a response counts as a success; by default, its HTTP status (a server action refuses with a 200). */
  succeeded?: (response: Response, body: string) => boolean;
}

export async function load(send: () => Promise<Response>, options: LoadOptions): Promise<LoadSample> {
  const succeeded = options.succeeded ?? ((response: Response) => response.ok);
  for (let index = 0; index < options.warmup; index++) await (await send()).arrayBuffer();
  const latencies: number[] = [];
  let errors = 0;
  let issued = 0;
  const started = performance.now();
  const worker = async () => {
    while (issued < options.requests) {
      issued++;
      const at = performance.now();
      const response = await send();
      const body = await response.text();
      latencies.push(performance.now() - at);
      if (!succeeded(response, body)) errors++;
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const elapsed = (performance.now() - started) / 1000;
  return summarize(latencies, elapsed, errors);
}

/** Several runs of one target as if they were one: percentiles over every latency, throughput over their time. */
export function combine(samples: LoadSample[]): LoadSample {
  return summarize(
    samples.flatMap((sample) => sample.latencies),
    samples.reduce((sum, sample) => sum + sample.seconds, 0),
    samples.reduce((sum, sample) => sum + sample.errors, 0),
  );
}

function summarize(latencies: number[], seconds: number, errors: number): LoadSample {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    requests: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    requestsPerSecond: sorted.length / seconds,
    errors,
    latencies: sorted,
    seconds,
  };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))];
}
