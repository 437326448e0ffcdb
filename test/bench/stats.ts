export const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

export function percentile(samples: readonly number[], p: number): number {
  const s = [...samples].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const i = Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1));
  return s[i]!;
}

export const median = (xs: readonly number[]) => percentile(xs, 50);

export function summary(samples: readonly number[]) {
  return { n: samples.length, p50Ms: round(percentile(samples, 50), 3), p95Ms: round(percentile(samples, 95), 3) };
}

/** Samples this process's resident memory every `everyMs` until stopped; returns the peak in MiB. */
export function memoryPeak(everyMs = 100) {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), everyMs);
  return {
    stop: () => {
      clearInterval(timer);
      return round(Math.max(peak, process.memoryUsage().rss) / 1048576, 0);
    },
  };
}
