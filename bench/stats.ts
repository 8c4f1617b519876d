/** Percentiles by nearest rank: the figures benchmarks print. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export function summary(label: string, values: readonly number[], unit = 'ms'): string {
  const f = (n: number) => (unit === 'ms' ? n.toFixed(1) : String(Math.round(n)));
  return `${label}: n=${values.length} p50=${f(percentile(values, 50))} ${unit} p95=${f(percentile(values, 95))} ${unit} min=${f(Math.min(...values))} max=${f(Math.max(...values))}`;
}

export function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
