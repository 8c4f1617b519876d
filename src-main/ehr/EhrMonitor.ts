import type { FhirClient } from './FhirClient';

export interface EhrHealth {
  readonly state: 'unknown' | 'connected' | 'unreachable';
  readonly message: string | null;
  readonly checkedAt: number | null;
}

/**
 * Watches whether the EHR answers, so the status line can say so before an agent finds out mid-call.
 * It reads the capability statement (cheap on every FHIR server) on a slow timer and whenever a caller
 * reports a failure.
 */
export class EhrMonitor {
  private health: EhrHealth = { state: 'unknown', message: null, checkedAt: null };
  private timer: NodeJS.Timeout | null = null;
  private downSince: number | null = null;
  private readonly listeners = new Set<(health: EhrHealth) => void>();

  constructor(
    private readonly fhir: FhirClient,
    private readonly intervalMs = 15_000,
  ) {}

  get current(): EhrHealth {
    return this.health;
  }

  /** When the current outage started (the first failed check of it), null while the EHR answers. */
  unreachableSince(): number | null {
    return this.downSince;
  }

  onChange(listener: (health: EhrHealth) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  start(): void {
    void this.check();
    this.timer = setInterval(() => void this.check(), this.intervalMs);
    this.timer.unref?.();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  async check(): Promise<EhrHealth> {
    let next: EhrHealth;
    try {
      await this.fhir.capabilities(AbortSignal.timeout(5_000));
      next = { state: 'connected', message: null, checkedAt: Date.now() };
    } catch (error) {
      next = { state: 'unreachable', message: error instanceof Error ? error.message : 'EHR check failed', checkedAt: Date.now() };
    }
    if (next.state === 'unreachable') this.downSince ??= next.checkedAt;
    else this.downSince = null;
    const changed = next.state !== this.health.state || next.message !== this.health.message;
    this.health = next;
    if (changed) for (const l of this.listeners) l(next);
    return next;
  }
}
