// Load from this process against a server in another one (autocannon), and the statistics the
// bench prints: medians of per-round ratios and their spread, never a single timed run.
import autocannon from 'autocannon';

export interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  non2xx: number;
}

export interface LoadOptions {
  url: string;
  body?: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  connections?: number;
  seconds: number;
  /** Requests per second offered in all (an open loop); unset, each connection sends as fast as it is answered. */
  rate?: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]! : NaN;
}

export async function load({ url, body, method = body ? 'POST' : 'GET', headers = {}, connections = 8, seconds, rate }: LoadOptions): Promise<LoadResult> {
  // Every response time, for exact percentiles (autocannon's own histogram has no p95).
  const times: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        method,
        body,
        headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
        connections,
        duration: seconds,
        ...(rate ? { overallRate: rate } : {}),
      },
      (error, finished) => (error ? reject(error) : resolve(finished)),
    );
    instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => times.push(ms));
  });
  times.sort((a, b) => a - b);
  return {
    requestsPerSecond: times.length / seconds,
    p50: percentile(times, 0.5),
    p95: percentile(times, 0.95),
    p99: percentile(times, 0.99),
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** "median (min–max)" of a series, to `digits` decimals. */
export function spread(values: number[], digits = 2): string {
  return `${median(values).toFixed(digits)} (${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)})`;
}
