/** The part of autocannon's programmatic API the service benchmark uses (it ships no types). */
declare module "autocannon" {
  interface Options {
    url: string | string[];
    connections?: number;
    duration?: number;
    amount?: number;
    /** ms between samples; a round given by `amount` is seen to end only at the next sample. */
    sampleInt?: number;
    method?: string;
    headers?: Record<string, string>;
    body?: string;
  }
  interface Histogram {
    average: number;
    mean: number;
    p50: number;
    p90: number;
    p99: number;
    max: number;
  }
  interface Result {
    latency: Histogram;
    requests: Histogram & { total: number };
    throughput: Histogram;
    errors: number;
    timeouts: number;
    non2xx: number;
    duration: number;
  }
  function autocannon(options: Options): Promise<Result>;
  export default autocannon;
}
