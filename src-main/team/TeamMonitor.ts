import { type TeamView, type TeamWorkstation, WorkstationStatus } from '../../src-preload/contract';
import type { Logger } from '../log/logger';
import type { TeamBus } from './TeamBus';
import { ALL_STATUS_SUBJECTS, BEACON_INTERVAL_MS, statusSubject } from './WorkstationBeacon';

/** Not heard from for this many beacon intervals: shown as stale ("last heard 14:02"). */
export const STALE_AFTER_INTERVALS = 3;
/** Forgotten after this long without a word (a workstation retired or renamed). */
export const FORGET_AFTER_MS = 12 * 60 * 60_000;

/**
 * The supervisor's picture of the team: the last status of every workstation heard on the bus, validated
 * (a malformed message is dropped and counted, never shown), with staleness computed on read. Without a bus
 * it shows this workstation alone, from local data, and says so.
 */
export class TeamMonitor {
  private readonly latest = new Map<string, { status: WorkstationStatus; receivedAt: number }>();
  private readonly listeners = new Set<(view: TeamView) => void>();
  private readonly unsubscribe: (() => void)[] = [];

  constructor(
    private readonly bus: TeamBus | null,
    private readonly self: () => WorkstationStatus,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
    private readonly intervalMs: number = BEACON_INTERVAL_MS,
  ) {
    if (bus) {
      this.unsubscribe.push(bus.subscribe(ALL_STATUS_SUBJECTS, (payload, subject) => this.receive(payload, subject)));
      this.unsubscribe.push(bus.onConnectionChange(() => this.changed()));
    }
  }

  view(): TeamView {
    const now = this.now();
    const mine = this.self();
    const staleAfter = STALE_AFTER_INTERVALS * this.intervalMs;
    const others: TeamWorkstation[] = [];
    for (const [id, { status, receivedAt }] of this.latest) {
      if (now - receivedAt > FORGET_AFTER_MS) {
        this.latest.delete(id);
        continue;
      }
      if (id === mine.workstationId) continue;
      others.push({ ...status, self: false, stale: now - receivedAt > staleAfter, receivedAt });
    }
    // Who needs attention first: failed documentation, then the oldest backlog, then by label.
    others.sort((a, b) => b.outbox.failed - a.outbox.failed || (a.outbox.oldestUnsentAt ?? Infinity) - (b.outbox.oldestUnsentAt ?? Infinity) || a.label.localeCompare(b.label));
    return {
      link: this.bus === null ? 'local-only' : this.bus.connected ? 'bus' : 'disconnected',
      workstations: [{ ...mine, self: true, stale: false, receivedAt: now }, ...others],
    };
  }

  onChange(listener: (view: TeamView) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  dispose(): void {
    for (const u of this.unsubscribe.splice(0)) u();
    this.listeners.clear();
  }

  private receive(payload: unknown, subject: string): void {
    const parsed = WorkstationStatus.safeParse(payload);
    // The subject must name the workstation the status claims to be: one desk cannot speak for another.
    if (!parsed.success || statusSubject(parsed.data.workstationId) !== subject) {
      this.logger.log('warn', 'team.status-refused', {});
      return;
    }
    this.latest.set(parsed.data.workstationId, { status: parsed.data, receivedAt: this.now() });
    this.changed();
  }

  private changed(): void {
    if (this.listeners.size === 0) return;
    const view = this.view();
    for (const l of this.listeners) l(view);
  }
}
