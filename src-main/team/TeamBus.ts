/**
 * The team bus: how workstations and supervisors hear from each other (ARCHITECTURE §1: main owns it).
 * Messages are JSON and never carry PHI (see schemas/team.ts). Production uses NATS (NatsTeamBus); unit
 * tests use MemoryTeamBus; integration tests run a real nats-server on loopback.
 */
export interface TeamBus {
  publish(subject: string, payload: unknown): void;
  /** `*` matches one subject token, as in NATS. Returns an unsubscribe. */
  subscribe(subject: string, handler: (payload: unknown, subject: string) => void): () => void;
  /** Connected now (messages flow); listeners hear every change. */
  readonly connected: boolean;
  onConnectionChange(listener: (connected: boolean) => void): () => void;
  close(): Promise<void>;
}

/** NATS subject matching for one-token wildcards (`*`) and a trailing `>`. */
export function subjectMatches(pattern: string, subject: string): boolean {
  const p = pattern.split('.');
  const s = subject.split('.');
  for (let i = 0; i < p.length; i++) {
    if (p[i] === '>') return s.length > i;
    if (i >= s.length || (p[i] !== '*' && p[i] !== s[i])) return false;
  }
  return p.length === s.length;
}

/** TEST/DEV: an in-process bus (several workstations in one process share one instance). */
export class MemoryTeamBus implements TeamBus {
  private readonly subscriptions = new Set<{ subject: string; handler: (payload: unknown, subject: string) => void }>();
  private readonly listeners = new Set<(connected: boolean) => void>();
  connected = true;

  publish(subject: string, payload: unknown): void {
    if (!this.connected) return;
    // A copy, as over the wire: no subscriber shares an object with the publisher.
    const wire = JSON.stringify(payload);
    for (const s of [...this.subscriptions]) if (subjectMatches(s.subject, subject)) s.handler(JSON.parse(wire), subject);
  }

  subscribe(subject: string, handler: (payload: unknown, subject: string) => void): () => void {
    const entry = { subject, handler };
    this.subscriptions.add(entry);
    return () => this.subscriptions.delete(entry);
  }

  onConnectionChange(listener: (connected: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Tests: the link drops or comes back. */
  setConnected(connected: boolean): void {
    this.connected = connected;
    for (const l of this.listeners) l(connected);
  }

  async close(): Promise<void> {
    this.subscriptions.clear();
  }
}
