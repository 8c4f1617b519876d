import type { WorkstationStatus } from '../../src-preload/contract';
import type { TeamBus } from './TeamBus';

export const STATUS_SUBJECT_PREFIX = 'careline.workstation';

/** The subject a workstation reports on: careline.workstation.<id>.status. */
export function statusSubject(workstationId: string): string {
  return `${STATUS_SUBJECT_PREFIX}.${workstationId}.status`;
}

/** Every workstation's status, for supervisors. */
export const ALL_STATUS_SUBJECTS = `${STATUS_SUBJECT_PREFIX}.*.status`;

/** A host name or label made into a workstation id NATS accepts as one subject token. */
export function workstationIdFrom(name: string): string {
  const id = name.trim().replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 64);
  return id || 'workstation';
}

export const BEACON_INTERVAL_MS = 15_000;

/**
 * Tells the team how this workstation is doing: at a fixed interval (so a silent workstation shows as stale)
 * and at once when something a supervisor watches changes (a failed item in the outbox, the agent's state).
 * The status is read fresh each time from `read`; identical statuses in a row are still re-sent on the
 * interval (they are the heartbeat) but not on change notices.
 */
export class WorkstationBeacon {
  private timer: NodeJS.Timeout | null = null;
  private last: string | null = null;

  constructor(
    private readonly bus: TeamBus,
    private readonly read: () => WorkstationStatus,
    private readonly intervalMs: number = BEACON_INTERVAL_MS,
  ) {}

  start(): void {
    this.send(true);
    this.timer = setInterval(() => this.send(true), this.intervalMs);
    this.timer.unref();
  }

  /** Something changed: report now unless nothing a supervisor sees is different. */
  changed(): void {
    this.send(false);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private send(heartbeat: boolean): void {
    const status = this.read();
    const { at: _at, ...seen } = status;
    const key = JSON.stringify(seen);
    if (!heartbeat && key === this.last) return;
    this.last = key;
    this.bus.publish(statusSubject(status.workstationId), status);
  }
}
