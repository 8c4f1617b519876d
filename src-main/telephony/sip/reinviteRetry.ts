/**
 * Re-INVITE glare handling (RFC 3261 §14.1, RFC 5407 §3.1.5). Hold, resume and ICE restarts are re-INVITEs;
 * two in flight at once on a dialog collide. Ours are serialized per call (SerialQueue) and a refused one is
 * retried after the delay the RFCs prescribe:
 * - 491 Request Pending: if we own the Call-ID (we placed the call) wait 2.1-4 s, else 0-2 s, in 10 ms units;
 * - 500 with Retry-After (the far end is still waiting for the ACK of the previous INVITE): the advertised
 *   delay, capped, since a far end could advertise an hour.
 * Anything else is final.
 */
export type ReinviteOutcome = { readonly accepted: true } | { readonly accepted: false; readonly status: number; readonly retryAfterS: number | null };

export const MAX_RETRY_AFTER_S = 10;

export function retryDelayMs(outcome: ReinviteOutcome, weOwnCallId: boolean, random: () => number): number | null {
  if (outcome.accepted) return null;
  if (outcome.status === 491) {
    const [low, high] = weOwnCallId ? [210, 400] : [0, 200];
    return (low + Math.floor(random() * (high - low + 1))) * 10;
  }
  if (outcome.status === 500 && outcome.retryAfterS !== null) return Math.min(outcome.retryAfterS, MAX_RETRY_AFTER_S) * 1000;
  return null;
}

export interface RetryOptions {
  readonly weOwnCallId: boolean;
  readonly maxAttempts?: number;
  readonly random?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
}

/** Sends a re-INVITE until it is accepted, refused for good, or out of attempts; returns the last outcome. */
export async function reinviteWithRetry(send: () => Promise<ReinviteOutcome>, options: RetryOptions): Promise<ReinviteOutcome> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const maxAttempts = options.maxAttempts ?? 4;
  let outcome = await send();
  for (let attempt = 1; attempt < maxAttempts; attempt++) {
    const delay = retryDelayMs(outcome, options.weOwnCallId, options.random ?? Math.random);
    if (delay === null) break;
    await sleep(delay);
    outcome = await send();
  }
  return outcome;
}

/** Runs tasks one after another (per call): a hold issued while a resume is in flight waits its turn. */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const next = this.tail.then(task, task);
    this.tail = next.catch(() => undefined);
    return next;
  }
}

/**
 * Reconnection delays: exponential from `firstMs`, capped at `maxMs`, with ±20 % jitter so a building's worth
 * of softphones does not reconnect in lockstep after the proxy restarts.
 */
export function backoffMs(attempt: number, random: () => number, firstMs = 250, maxMs = 4000): number {
  const base = Math.min(maxMs, firstMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}
