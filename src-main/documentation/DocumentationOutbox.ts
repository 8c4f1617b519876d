import type { Bundle } from '@medplum/fhirtypes';
import type { DocumentEncounterResult, OutboxItem } from '../../src-preload/contract';
import { FhirError, type FhirClient } from '../ehr/FhirClient';
import type { Logger } from '../log/logger';
import { type DeliveryDecision, checkTransactionResponse, classifyDeliveryError, describeBundle } from './deliveryOutcome';
import { assignedIds } from './encounterTransaction';

/**
 * Where documented encounters wait until the EHR has them. `put` is the acknowledgement: once it returns the
 * write is kept (durably with SqliteOutboxStore, in memory with MemoryOutboxStore) and will be delivered,
 * across EHR outages and, with the durable store, across crashes. Delivery is idempotent (client identifiers +
 * If-None-Exist in the bundle), so a retry after a lost answer or a crash mid-request never makes a second copy.
 */
export interface OutboxStore {
  /** Adds (or replaces) an entry. Durable when it returns, for a durable store. */
  put(entry: OutboxEntry): void;
  get(id: string): OutboxEntry | undefined;
  /** A state change of an existing item (the bundle never changes); `delivered` once sent. */
  update(id: string, item: OutboxItem, delivered?: DeliveredRecord): void;
  /** The agent's view: newest first, at most `limit` items. */
  items(limit: number): OutboxItem[];
  /** Items not yet sent (pending, sending, failed), oldest first: what a restart resumes. */
  unsent(): OutboxItem[];
  /** For supervisors: how much of this workstation's documentation has not reached the EHR. */
  backlog(): OutboxBacklog;
  /** Drops sent items older than the retention or beyond its count; never an unsent one. Returns how many. */
  prune(now: number, retention: OutboxRetention): number;
}

export interface OutboxEntry {
  readonly item: OutboxItem;
  readonly bundle: Bundle;
  /** Ids the EHR assigned, once sent: a resubmission after a restart can still answer "written". */
  readonly delivered?: DeliveredRecord | null;
}

/** What a documented encounter's delivery assigned (the default kind of item). */
export interface DeliveredIds {
  readonly encounterId: string;
  readonly questionnaireResponseId: string;
  readonly communicationId: string | null;
  /** The Patient the item created or linked (a call documented without a chart). */
  readonly patientId?: string;
}

/**
 * What another kind of item's delivery assigned (e.g. an appointment booking: its Appointment ids). `kind`
 * tells the items apart in the store; encounter items predate it and carry none.
 */
export interface DeliveredOther {
  readonly kind: string;
  readonly ids: Readonly<Record<string, string | null>>;
}

export type DeliveredRecord = DeliveredIds | DeliveredOther;

export function isEncounterDelivery(delivered: DeliveredRecord | null | undefined): delivered is DeliveredIds {
  return !!delivered && !('kind' in delivered);
}

/**
 * Delivers one kind of item (chosen by the stored bundle's meta.tag, system OUTBOX_KIND_SYSTEM). Encounter
 * bundles have no tag and go as they are; a kind with a deliverer decides what to send from the stored bundle
 * and the EHR's current state (e.g. a booking first looks for its Appointment, then checks the Slot). It must
 * be idempotent: it runs again after a lost answer or a crash.
 */
export interface OutboxDeliverer {
  deliver(bundle: Bundle, fhir: FhirClient, signal: AbortSignal): Promise<DeliveredOther>;
}

export const OUTBOX_KIND_SYSTEM = 'urn:careline:outbox-kind';

export function outboxKindOf(bundle: Bundle): string | null {
  return bundle.meta?.tag?.find((t) => t.system === OUTBOX_KIND_SYSTEM)?.code ?? null;
}

/**
 * A refusal no replay can change (e.g. "the slot was taken"): the item is parked as failed at once, with
 * this message for the agent and a code the service that queued it can act on. Other items are not held up.
 */
export class PermanentDeliveryError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'PermanentDeliveryError';
  }
}

/**
 * Not yet: the item depends on something that has not happened (e.g. the cancel of a rescheduled visit waits
 * for the new appointment to reach the EHR). Retried with the usual backoff, with this message for the agent.
 */
export class DeferredDeliveryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeferredDeliveryError';
  }
}

/** How a generic item stands after `enqueue` (see DocumentationOutbox.enqueue). */
export interface EnqueueResult {
  readonly item: OutboxItem;
  readonly delivered: DeliveredRecord | null;
  /** Set when the item failed permanently during this process's life (the code from PermanentDeliveryError). */
  readonly failureCode: string | null;
}

export interface OutboxBacklog {
  readonly pending: number;
  readonly failed: number;
  /** createdAt of the oldest item not yet sent, null when there is none. */
  readonly oldestUnsentAt: number | null;
}

/** Sent items stay visible to the agent for a while, bounded in time and count. */
export interface OutboxRetention {
  readonly sentMaxAgeMs: number;
  readonly sentMaxCount: number;
}

export const DEFAULT_RETENTION: OutboxRetention = { sentMaxAgeMs: 24 * 60 * 60_000, sentMaxCount: 500 };

export class MemoryOutboxStore implements OutboxStore {
  private readonly entries = new Map<string, OutboxEntry & { sentAt: number | null }>();
  put(entry: OutboxEntry): void {
    this.entries.set(entry.item.id, { ...entry, sentAt: entry.item.state === 'sent' ? Date.now() : null });
  }
  get(id: string): OutboxEntry | undefined {
    return this.entries.get(id);
  }
  update(id: string, item: OutboxItem, delivered?: DeliveredRecord): void {
    const entry = this.entries.get(id);
    if (!entry) return;
    const sentAt = item.state === 'sent' ? (entry.sentAt ?? Date.now()) : null;
    this.entries.set(id, { ...entry, item, delivered: delivered ?? entry.delivered ?? null, sentAt });
  }
  items(limit: number): OutboxItem[] {
    return [...this.entries.values()].map((e) => e.item).reverse().slice(0, limit);
  }
  unsent(): OutboxItem[] {
    return [...this.entries.values()].map((e) => e.item).filter((i) => i.state !== 'sent');
  }
  backlog(): OutboxBacklog {
    const unsent = this.unsent();
    return {
      pending: unsent.filter((i) => i.state !== 'failed').length,
      failed: unsent.filter((i) => i.state === 'failed').length,
      oldestUnsentAt: unsent[0]?.createdAt ?? null,
    };
  }
  prune(now: number, retention: OutboxRetention): number {
    // Newest first, later insertion first within a millisecond (as the SQL store orders by seq).
    const sent = [...this.entries.values()]
      .map((e, order) => ({ ...e, order }))
      .filter((e) => e.sentAt !== null)
      .sort((a, b) => b.sentAt! - a.sentAt! || b.order - a.order);
    const drop = sent.filter((e, i) => i >= retention.sentMaxCount || e.sentAt! < now - retention.sentMaxAgeMs);
    for (const e of drop) this.entries.delete(e.item.id);
    return drop.length;
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

/** A server's Retry-After is honoured up to this, so a bogus header cannot park an item for a day. */
export const MAX_RETRY_AFTER_MS = 10 * 60_000;

export interface OutboxOptions {
  /** Bound on one delivery attempt, so a server that never answers cannot hold an item (default 30 s). */
  readonly requestTimeoutMs?: number;
  /**
   * How long `submit` waits for the first attempt before answering "queued" (default: the request timeout).
   * The write is acknowledged either way (it is in the store); 0 answers at once and delivers in the background.
   */
  readonly submitWaitMs?: number;
  /** Automatic deliveries at once (default 4): a backlog drains without flooding the EHR. */
  readonly maxConcurrent?: number;
  readonly retention?: OutboxRetention;
  /** Items in the agent's view (default 200). */
  readonly listLimit?: number;
  readonly random?: () => number;
  /** Deliverers for tagged kinds of items (see OutboxDeliverer); untagged bundles are encounters. */
  readonly deliverers?: Readonly<Record<string, OutboxDeliverer>>;
  /**
   * Runs before each attempt of an encounter bundle that creates a Patient (a call without a chart): it may
   * point the bundle at a chart the EHR already has for that person (see NewPatientLinker). It must be
   * idempotent like the bundle: a replay after a lost answer ends on the same single Patient.
   */
  readonly linkNewPatient?: (bundle: Bundle, fhir: FhirClient, signal: AbortSignal) => Promise<{ bundle: Bundle; patientId: string | null }>;
}

/** Runs at most `limit` tasks at once, in arrival order. */
class Limiter {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(private readonly limit: number) {}
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running += 1;
    try {
      return await task();
    } finally {
      this.running -= 1;
      this.waiting.shift()?.();
    }
  }
}

export class DocumentationOutbox {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly aborts = new Set<AbortController>();
  private readonly listeners = new Set<(items: OutboxItem[]) => void>();
  private readonly failureCodes = new Map<string, string>();
  private readonly limiter: Limiter;
  private readonly requestTimeoutMs: number;
  private readonly submitWaitMs: number;
  private readonly retention: OutboxRetention;
  private readonly random: () => number;
  private lastPrune = 0;
  private disposed = false;

  constructor(
    private readonly fhir: FhirClient,
    private readonly store: OutboxStore,
    private readonly logger: Logger,
    private readonly policy: BackoffPolicy = DEFAULT_BACKOFF,
    private readonly now: () => number = Date.now,
    private readonly options: OutboxOptions = {},
  ) {
    this.requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
    this.submitWaitMs = options.submitWaitMs ?? this.requestTimeoutMs;
    this.limiter = new Limiter(Math.max(1, options.maxConcurrent ?? 4));
    this.retention = options.retention ?? DEFAULT_RETENTION;
    this.random = options.random ?? Math.random;
  }

  /**
   * Resumes after a restart (or a crash): every pending item, and every item caught "sending" (its request
   * may or may not have reached the EHR; a replay is idempotent), is scheduled at its next attempt time.
   * Failed items wait for a person. Returns how many were scheduled.
   */
  start(): number {
    this.prune(true);
    let scheduled = 0;
    for (const item of this.store.unsent()) {
      if (item.state === 'failed') continue;
      if (item.state === 'sending') this.update(item.id, { state: 'pending' });
      this.schedule(item.id, Math.max(0, (item.nextAttemptAt ?? 0) - this.now()));
      scheduled += 1;
    }
    this.logger.log('info', 'outbox.resumed', { scheduled });
    return scheduled;
  }

  onChange(listener: (items: OutboxItem[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  list(): OutboxItem[] {
    return this.store.items(this.options.listLimit ?? 200);
  }

  backlog(): OutboxBacklog {
    return this.store.backlog();
  }

  /**
   * Accepts the documentation: once `store.put` returns, it is kept (this is the acknowledgement) and will be
   * delivered. Then tries to deliver it, waiting up to `submitWaitMs` for the answer.
   */
  async submit(bundle: Bundle, meta: { label: string; patientId: string; idempotencyKey: string }): Promise<DocumentEncounterResult> {
    const { item, delivered } = await this.enqueue(bundle, meta);
    if (item.state === 'sent' && isEncounterDelivery(delivered)) {
      return { outcome: 'written', outboxId: item.id, ...delivered };
    }
    return { outcome: 'queued', outboxId: item.id, reason: item.lastError ?? 'Waiting to be sent to the EHR.' };
  }

  /**
   * Any kind of item (an encounter, an appointment booking, a cancellation): kept once `store.put` returns,
   * then one attempt waited for up to `submitWaitMs`. Submitting the same idempotency key again never adds
   * a second item; it answers with the first one's state.
   */
  async enqueue(bundle: Bundle, meta: { label: string; patientId: string; idempotencyKey: string }): Promise<EnqueueResult> {
    const id = meta.idempotencyKey;
    if (this.disposed) throw new Error('The documentation outbox is closed.');
    if (!this.store.get(id)) {
      const item: OutboxItem = {
        id,
        label: meta.label,
        patientId: meta.patientId,
        state: 'pending',
        attempts: 0,
        lastError: null,
        nextAttemptAt: null,
        createdAt: this.now(),
        encounterId: null,
      };
      this.store.put({ bundle, item, delivered: null });
      this.changed();
    }
    const delivery = this.deliver(id, true);
    if (this.submitWaitMs > 0) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([delivery, new Promise<void>((resolve) => (timer = setTimeout(resolve, this.submitWaitMs)))]);
      clearTimeout(timer);
    }
    return this.status(id)!;
  }

  /** An item's state, what its delivery assigned, and a permanent failure's code (this process's life). */
  status(id: string): EnqueueResult | undefined {
    const entry = this.store.get(id);
    if (!entry) return undefined;
    return { item: entry.item, delivered: entry.delivered ?? null, failureCode: entry.item.state === 'failed' ? (this.failureCodes.get(id) ?? null) : null };
  }

  /** Manual retry from the agent: runs now, whatever the backoff said, and a failed item gets another go. */
  async retry(id: string): Promise<OutboxItem | undefined> {
    if (!this.store.get(id)) return undefined;
    await this.deliver(id, false);
    return this.store.get(id)?.item;
  }

  /** Stops timers, aborts requests in flight and waits (bounded) for their attempts to settle. */
  async dispose(): Promise<void> {
    this.disposed = true;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    for (const c of this.aborts) c.abort();
    await Promise.allSettled([...this.inFlight.values()]);
  }

  /** Never throws: a failing attempt (even a store error) is logged, not an unhandled rejection. */
  private deliver(id: string, limited: boolean): Promise<void> {
    const running = this.inFlight.get(id);
    if (running) return running; // never two deliveries of one item at once
    const run = (): Promise<void> => this.attempt(id);
    const attempt = (limited ? this.limiter.run(run) : run())
      .catch((error: unknown) => {
        this.logger.log('error', 'outbox.attempt-crashed', { error: error instanceof Error ? error.name : 'unknown' });
      })
      .finally(() => this.inFlight.delete(id));
    this.inFlight.set(id, attempt);
    return attempt;
  }

  private schedule(id: string, delay: number): void {
    if (this.disposed) return;
    clearTimeout(this.timers.get(id));
    const timer = setTimeout(() => {
      this.timers.delete(id);
      void this.deliver(id, true);
    }, delay);
    timer.unref?.();
    this.timers.set(id, timer);
  }

  private async attempt(id: string): Promise<void> {
    const entry = this.store.get(id);
    if (this.disposed || !entry || entry.item.state === 'sent') return;
    clearTimeout(this.timers.get(id));
    this.timers.delete(id);
    const attempts = entry.item.attempts + 1;
    this.update(id, { state: 'sending', attempts, nextAttemptAt: null });
    this.failureCodes.delete(id);
    const controller = new AbortController();
    this.aborts.add(controller);
    const timer = setTimeout(() => controller.abort(), this.requestTimeoutMs);
    try {
      const delivered = await this.send(entry.bundle, controller);
      const encounterId = isEncounterDelivery(delivered) ? delivered.encounterId || null : null;
      if (this.disposed) return; // the store may be closing; the next start replays it (idempotent)
      this.update(id, { state: 'sent', lastError: null, encounterId }, delivered);
      this.logger.log('info', 'outbox.sent', { attempts });
      this.prune(false);
    } catch (error) {
      if (this.disposed) return;
      const failure = controller.signal.aborted && !(error instanceof FhirError) ? new FhirError('timeout', 'The EHR did not answer in time.') : error;
      const decision: DeliveryDecision =
        failure instanceof PermanentDeliveryError
          ? { kind: 'fail', reason: failure.message }
          : failure instanceof DeferredDeliveryError
            ? { kind: 'retry', reason: failure.message, retryAfterMs: null }
            : classifyDeliveryError(failure, attempts, describeBundle(entry.bundle));
      if (failure instanceof PermanentDeliveryError) this.failureCodes.set(id, failure.code);
      const fhirError = failure instanceof FhirError ? failure : null;
      if (decision.kind === 'retry') {
        const delay = Math.max(backoffDelay(attempts, this.policy, this.random), Math.min(decision.retryAfterMs ?? 0, MAX_RETRY_AFTER_MS));
        this.update(id, { state: 'pending', lastError: decision.reason, nextAttemptAt: this.now() + delay });
        this.schedule(id, delay);
      } else {
        // The EHR will refuse this again as it is: keep it (nothing is dropped) and let a person decide.
        this.update(id, { state: 'failed', lastError: decision.reason, nextAttemptAt: null });
      }
      this.logger.log('warn', 'outbox.attempt-failed', { attempts, kind: fhirError?.kind ?? 'unknown', status: fhirError?.status ?? null, retry: decision.kind === 'retry' });
    } finally {
      clearTimeout(timer);
      this.aborts.delete(controller);
    }
  }

  /** One delivery: a tagged kind through its deliverer, an encounter bundle as it is. */
  private async send(bundle: Bundle, controller: AbortController): Promise<DeliveredRecord> {
    const kind = outboxKindOf(bundle);
    if (kind !== null) {
      const deliverer = this.options.deliverers?.[kind];
      // An item of a kind this build cannot deliver stays for a person (e.g. after a downgrade), never dropped.
      if (!deliverer) throw new PermanentDeliveryError('unknown-kind', `Careline cannot send this kind of item (${kind}); ask your administrator.`);
      return this.bounded(deliverer.deliver(bundle, this.fhir, controller.signal), controller);
    }
    const linked = this.options.linkNewPatient ? await this.bounded(this.options.linkNewPatient(bundle, this.fhir, controller.signal), controller) : { bundle, patientId: null };
    const sent = linked.bundle;
    const response = checkTransactionResponse(sent, await this.bounded(this.fhir.transaction(sent, controller.signal), controller));
    // Ids by the type written at each position: the bundle may hold a Communication, a Task, both or neither.
    const ids = assignedIds(response);
    const requested = sent.entry ?? [];
    const idOf = (type: string): string | null => {
      const index = requested.findIndex((e) => e.resource?.resourceType === type);
      return index >= 0 ? (ids[index] ?? null) : null;
    };
    const patientId = linked.patientId ?? idOf('Patient');
    return {
      encounterId: idOf('Encounter') ?? '',
      questionnaireResponseId: idOf('QuestionnaireResponse') ?? '',
      communicationId: idOf('Communication'),
      ...(patientId ? { patientId } : {}),
    };
  }

  /**
   * The request, bounded by our own deadline as well as the client's: the abort stops fetch, and the race
   * makes sure an attempt settles even if something below ignores the signal.
   */
  private bounded<T>(work: Promise<T>, controller: AbortController): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const onAbort = (): void => reject(new FhirError('timeout', 'The EHR did not answer in time.'));
      if (controller.signal.aborted) return onAbort();
      controller.signal.addEventListener('abort', onAbort, { once: true });
      work.then(resolve, reject).finally(() => controller.signal.removeEventListener('abort', onAbort));
    });
  }

  private prune(force: boolean): void {
    const now = this.now();
    if (!force && now - this.lastPrune < 60_000) return;
    this.lastPrune = now;
    const removed = this.store.prune(now, this.retention);
    if (removed > 0) this.logger.log('info', 'outbox.pruned', { removed });
  }

  private update(id: string, patch: Partial<OutboxItem>, delivered?: DeliveredRecord): void {
    const entry = this.store.get(id);
    if (!entry) return;
    this.store.update(id, { ...entry.item, ...patch }, delivered);
    this.changed();
  }

  private changed(): void {
    if (this.listeners.size === 0) return;
    const items = this.list();
    for (const l of this.listeners) l(items);
  }
}
