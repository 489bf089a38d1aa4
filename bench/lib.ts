// Shared by the bench scripts: fixed-rate load, percentiles.
export type Sample = { ms: number; ok: boolean };

export const percentile = (sorted: number[], p: number): number => {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
};

export function summarise(samples: Sample[], seconds: number) {
  const ok = samples
    .filter((s) => s.ok)
    .map((s) => s.ms)
    .sort((a, b) => a - b);
  return {
    requests: samples.length,
    errors: samples.length - ok.length,
    throughput: ok.length / seconds,
    p50: percentile(ok, 50),
    p99: percentile(ok, 99),
  };
}

// Open-loop load: starts one operation every 1000/rate ms regardless of how long earlier ones take.
export async function atFixedRate(rate: number, seconds: number, op: (i: number) => Promise<void>): Promise<Sample[]> {
  const total = Math.round(rate * seconds);
  const interval = 1000 / rate;
  const started = performance.now();
  const pending: Promise<void>[] = [];
  const samples: Sample[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + i * interval;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const t0 = performance.now();
    pending.push(
      op(i).then(
        () => void samples.push({ ms: performance.now() - t0, ok: true }),
        () => void samples.push({ ms: performance.now() - t0, ok: false }),
      ),
    );
  }
  await Promise.all(pending);
  return samples;
}

export const fmt = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : 'n/a');
