import type { Bundle } from '@medplum/fhirtypes';
import type { DocumentEncounterResult, OutboxItem } from '../../src-preload/contract';
import { FhirError, type FhirClient } from '../ehr/FhirClient';
import type { Logger } from '../log/logger';
import { assignedIds } from './encounterTransaction';

/**
 * Where documented encounters wait until the EHR has them. This first version keeps the queue in memory,
 * so it survives EHR outages but not a crash; issue 5 gives it an encrypted durable store behind the same
 * `OutboxStore` interface. Delivery is idempotent (client identifiers + If-None-Exist in the bundle), so a
 * retry after a lost response never creates a second copy.
 */
export interface OutboxStore {
  put(entry: OutboxEntry): void;
  get(id: string): OutboxEntry | undefined;
  list(): OutboxEntry[];
}

export interface OutboxEntry {
  readonly item: OutboxItem;
  readonly bundle: Bundle;
}

export class MemoryOutboxStore implements OutboxStore {
  private readonly entries = new Map<string, OutboxEntry>();
  put(entry: OutboxEntry): void {
    this.entries.set(entry.item.id, entry);
  }
  get(id: string): OutboxEntry | undefined {
    return this.entries.get(id);
  }
  list(): OutboxEntry[] {
    return [...this.entries.values()];
  }
}

export interface BackoffPolicy {
  readonly baseMs: number;
  readonly maxMs: number;
  /** 0..1: share of the delay that is randomized, so many workstations do not retry in lockstep. */
  readonly jitter: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 2_000, maxMs: 5 * 60_000, jitter: 0.3 };

export function backoffDelay(attempts: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const exp = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(exp * (1 - policy.jitter + policy.jitter * random()));
}

export interface DeliveredIds {
  readonly encounterId: string;
  readonly questionnaireResponseId: string;
  readonly communicationId: string | null;
}

export class DocumentationOutbox {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly delivered = new Map<string, DeliveredIds>();
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly listeners = new Set<(items: OutboxItem[]) => void>();

  constructor(
    private readonly fhir: FhirClient,
    private readonly store: OutboxStore,
    private readonly logger: Logger,
    private readonly policy: BackoffPolicy = DEFAULT_BACKOFF,
    private readonly now: () => number = Date.now,
  ) {}

  onChange(listener: (items: OutboxItem[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  list(): OutboxItem[] {
    return this.store
      .list()
      .map((e) => e.item)
      .sort((a, b) => b.createdAt - a.createdAt);
  }

  /** Accepts the documentation (it is kept from this moment on) and tries to deliver it once right away. */
  async submit(bundle: Bundle, meta: { label: string; patientId: string; idempotencyKey: string }): Promise<DocumentEncounterResult> {
    const id = meta.idempotencyKey;
    const existing = this.store.get(id);
    if (!existing) {
      this.store.put({
        bundle,
        item: {
          id,
          label: meta.label,
          patientId: meta.patientId,
          state: 'pending',
          attempts: 0,
          lastError: null,
          nextAttemptAt: null,
          createdAt: this.now(),
          encounterId: null,
        },
      });
      this.changed();
    }
    await this.deliver(id);
    const after = this.store.get(id)!;
    const ids = this.delivered.get(id);
    if (after.item.state === 'sent' && ids) {
      return { outcome: 'written', outboxId: id, ...ids };
    }
    return { outcome: 'queued', outboxId: id, reason: after.item.lastError ?? 'Waiting to be sent to the EHR.' };
  }

  /** Manual retry from the agent: runs now, whatever the backoff said. */
  async retry(id: string): Promise<OutboxItem | undefined> {
    if (!this.store.get(id)) return undefined;
    await this.deliver(id);
    return this.store.get(id)?.item;
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }

  private deliver(id: string): Promise<void> {
    const running = this.inFlight.get(id);
    if (running) return running; // never two deliveries of one item at once
    const attempt = this.attempt(id).finally(() => this.inFlight.delete(id));
    this.inFlight.set(id, attempt);
    return attempt;
  }

  private async attempt(id: string): Promise<void> {
    const entry = this.store.get(id);
    if (!entry || entry.item.state === 'sent') return;
    clearTimeout(this.timers.get(id));
    this.timers.delete(id);
    this.update(id, { state: 'sending', attempts: entry.item.attempts + 1, nextAttemptAt: null });
    try {
      const response = await this.fhir.transaction(entry.bundle);
      // Ids by the type written at each position: the bundle may hold a Communication, a Task, both or neither.
      const ids = assignedIds(response);
      const requested = entry.bundle.entry ?? [];
      const idOf = (type: string): string | null => {
        const index = requested.findIndex((e) => e.resource?.resourceType === type);
        return index >= 0 ? (ids[index] ?? null) : null;
      };
      const encounterId = idOf('Encounter') ?? '';
      const questionnaireResponseId = idOf('QuestionnaireResponse') ?? '';
      this.delivered.set(id, { encounterId, questionnaireResponseId, communicationId: idOf('Communication') });
      this.update(id, { state: 'sent', lastError: null, encounterId });
      this.logger.log('info', 'outbox.sent', { attempts: entry.item.attempts + 1 });
    } catch (error) {
      const fhirError = error instanceof FhirError ? error : null;
      const transient = fhirError?.transient ?? true;
      const attempts = entry.item.attempts + 1;
      const reason = fhirError?.message ?? 'Unexpected error while sending to the EHR.';
      if (transient) {
        const delay = backoffDelay(attempts, this.policy);
        this.update(id, { state: 'pending', lastError: reason, nextAttemptAt: this.now() + delay });
        const timer = setTimeout(() => void this.deliver(id), delay);
        timer.unref?.();
        this.timers.set(id, timer);
      } else {
        // The EHR will refuse this again as it is: keep it (nothing is dropped) and let a person decide.
        this.update(id, { state: 'failed', lastError: reason, nextAttemptAt: null });
      }
      this.logger.log('warn', 'outbox.attempt-failed', { attempts, kind: fhirError?.kind ?? 'unknown', status: fhirError?.status ?? null, transient });
    }
  }

  private update(id: string, patch: Partial<OutboxItem>): void {
    const entry = this.store.get(id);
    if (!entry) return;
    this.store.put({ ...entry, item: { ...entry.item, ...patch } });
    this.changed();
  }

  private changed(): void {
    const items = this.list();
    for (const l of this.listeners) l(items);
  }
}
