export const INTERACTIVE_MARK = 'careline:interactive';

let marked = false;

/** Startup benchmarks read this: the first screen is rendered and main has answered `env.status`. Once per page. */
export function markInteractive(): void {
  if (marked) return;
  marked = true;
  performance.mark(INTERACTIVE_MARK);
}
