// The parts of autocannon 9 the API bench uses (the package ships no types; @types/autocannon is not installed).
declare module 'autocannon' {
  interface Percentiles {
    average: number;
    p50: number;
    p90: number;
    p99: number;
    max: number;
  }
  interface Options {
    url: string;
    connections?: number;
    duration?: number;
    amount?: number;
    requests?: Record<string, unknown>[];
  }
  interface Result {
    '2xx': number;
    non2xx: number;
    errors: number;
    timeouts: number;
    duration: number;
    latency: Percentiles;
    requests: Percentiles & { total: number; sent: number };
  }
  function autocannon(opts: Options): Promise<Result>;
  export default autocannon;
}
