import { describe, expect, it } from 'vitest';
import { MAX_RETRY_AFTER_S, type ReinviteOutcome, SerialQueue, backoffMs, reinviteWithRetry, retryDelayMs } from './reinviteRetry';

const refused = (status: number, retryAfterS: number | null = null): ReinviteOutcome => ({ accepted: false, status, retryAfterS });

describe('re-INVITE glare handling', () => {
  it('waits 2.1-4 s after a 491 when we own the Call-ID, 0-2 s otherwise', () => {
    expect(retryDelayMs(refused(491), true, () => 0)).toBe(2100);
    expect(retryDelayMs(refused(491), true, () => 0.999)).toBe(4000);
    expect(retryDelayMs(refused(491), false, () => 0)).toBe(0);
    expect(retryDelayMs(refused(491), false, () => 0.999)).toBe(2000);
  });

  it('honours Retry-After on a 500, capped, and gives up on other refusals', () => {
    expect(retryDelayMs(refused(500, 3), true, Math.random)).toBe(3000);
    expect(retryDelayMs(refused(500, 3600), true, Math.random)).toBe(MAX_RETRY_AFTER_S * 1000);
    expect(retryDelayMs(refused(500), true, Math.random)).toBeNull();
    expect(retryDelayMs(refused(488), true, Math.random)).toBeNull();
    expect(retryDelayMs({ accepted: true }, true, Math.random)).toBeNull();
  });

  it('retries until accepted and sleeps the prescribed delays', async () => {
    const outcomes = [refused(500, 1), refused(491), { accepted: true } as const];
    const slept: number[] = [];
    const result = await reinviteWithRetry(async () => outcomes.shift()!, { weOwnCallId: false, random: () => 0.5, sleep: async (ms) => void slept.push(ms) });
    expect(result).toEqual({ accepted: true });
    expect(slept).toEqual([1000, 1000]);
  });

  it('stops after maxAttempts and returns the last refusal', async () => {
    let sent = 0;
    const result = await reinviteWithRetry(async () => (sent++, refused(491)), { weOwnCallId: true, maxAttempts: 3, sleep: async () => undefined });
    expect(sent).toBe(3);
    expect(result).toEqual(refused(491));
  });

  it('serializes tasks, and a failed task does not block the next', async () => {
    const queue = new SerialQueue();
    const order: string[] = [];
    const slow = queue.run(async () => {
      await new Promise((r) => setTimeout(r, 20));
      order.push('hold');
      throw new Error('refused');
    });
    const next = queue.run(async () => void order.push('resume'));
    await expect(slow).rejects.toThrow('refused');
    await next;
    expect(order).toEqual(['hold', 'resume']);
  });

  it('backs off exponentially with jitter and a cap', () => {
    expect([1, 2, 3, 4, 5, 9].map((a) => backoffMs(a, () => 0.5))).toEqual([250, 500, 1000, 2000, 4000, 4000]);
    expect(backoffMs(1, () => 0)).toBe(200);
    expect(backoffMs(1, () => 1)).toBe(300);
  });
});
