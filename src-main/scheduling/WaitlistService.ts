import { withDistanceLimit } from './distanceLimit';
import { randomUUID } from 'node:crypto';
import type { Patient } from '@medplum/fhirtypes';
import type { SchedulingPreferences, WaitlistEntry } from '../../src-preload/contract';
import type { FhirClient } from '../ehr/FhirClient';
import type { Logger } from '../log/logger';
import { offerFreedSlot, type WaitlistEntry as EngineWaitlistEntry } from './engine/waitlistOrder';
import { practitionerName } from './fhir/fhirToModel';
import type { SchedulingWorldLoader } from './fhir/SchedulingWorldLoader';
import { rankSlots } from './engine/rankSlots';
import type { EngineOffer, PatientContext, SchedulingRules } from './model';
import { SchedulingError } from './SchedulingError';
import type { Audited, FreedSlots, RankSlots, SchedulingService } from './SchedulingService';
import type { StoredWaitlistEntry, WaitlistStore } from './WaitlistStore';

export interface WaitlistServiceDeps {
  readonly fhir: FhirClient;
  readonly loader: SchedulingWorldLoader;
  readonly scheduling: SchedulingService;
  readonly store: WaitlistStore;
  readonly rules: () => SchedulingRules;
  readonly logger: Logger;
  readonly now?: () => number;
  /** The engine (default rankSlots), for the periodic re-check. */
  readonly rank?: RankSlots;
}

export interface WaitlistAddInput {
  readonly patientId: string;
  readonly visitTypeId: string;
  readonly from: number;
  readonly to: number;
  readonly preferences: SchedulingPreferences;
}

/**
 * Patients waiting for an earlier slot. When a slot frees up (a cancellation through us, or the periodic
 * re-check finding one), it is offered to waitlisted patients in order (the engine's offerFreedSlot: first
 * come, first served, every hard rule) and held for them for the rules' hold window; when the hold lapses
 * unbooked, the next patient is offered it. Every change is announced (the `waitlist.changed` event).
 */
export class WaitlistService {
  private readonly listeners = new Set<(entries: WaitlistEntry[]) => void>();
  /** Per freed slot: entries already offered it (they let the hold lapse or were removed). */
  private readonly passed = new Map<string, Set<string>>();
  /** Hold id -> the freed slot it offers (to pass it on when the hold lapses). */
  private readonly offeredSlot = new Map<string, string>();
  private readonly now: () => number;
  private timer: NodeJS.Timeout | null = null;
  private recheckTimer: NodeJS.Timeout | null = null;
  private readonly unsubscribe: (() => void)[] = [];
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: WaitlistServiceDeps) {
    this.now = deps.now ?? Date.now;
    this.unsubscribe.push(
      deps.scheduling.onSlotsFreed((freed) => void this.slotsFreed(freed)),
      deps.scheduling.onBooked(({ holdId }) => this.booked(holdId)),
    );
  }

  onChange(listener: (entries: WaitlistEntry[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Checks lapsed holds every `expiryMs` (re-offering their slots) and re-checks the waiting entries every `recheckMs`. */
  start(options: { expiryMs?: number; recheckMs?: number } = {}): void {
    this.timer ??= setInterval(() => void this.expireOffers(), options.expiryMs ?? 30_000);
    this.timer.unref?.();
    this.recheckTimer ??= setInterval(() => void this.recheck().catch(() => this.deps.logger.log('warn', 'waitlist.recheck-failed', {})), options.recheckMs ?? 5 * 60_000);
    this.recheckTimer.unref?.();
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.recheckTimer) clearInterval(this.recheckTimer);
    this.timer = this.recheckTimer = null;
    this.unsubscribe.forEach((u) => u());
  }

  /** The list in order (position 1 = offered first). A PHI view: the handler audits it. */
  list(): WaitlistEntry[] {
    return this.deps.store.active().map((e, i) => ({ ...e, position: i + 1 }));
  }

  async add(input: WaitlistAddInput, signal?: AbortSignal): Promise<Audited<WaitlistEntry>> {
    if (!this.deps.rules().visitTypes.some((v) => v.id === input.visitTypeId)) {
      throw new SchedulingError('unknown-visit-type', `The visit type "${input.visitTypeId}" is not in the clinic's rules; pick one from the list.`);
    }
    const patient = await this.deps.fhir.read<Patient>('Patient', input.patientId, signal);
    const entry: StoredWaitlistEntry = {
      id: randomUUID(),
      patientId: input.patientId,
      patientName: practitionerName(patient) ?? 'Patient',
      visitTypeId: input.visitTypeId,
      from: input.from,
      to: input.to,
      preferences: input.preferences,
      // Strictly after the last one: the engine orders by addedAt (then id), the list by insertion; they must agree.
      addedAt: Math.max(this.now(), ...this.deps.store.active().map((e) => e.addedAt + 1)),
      state: 'waiting',
      offer: null,
    };
    this.deps.store.put(entry);
    this.changed();
    const listed = this.list().find((e) => e.id === entry.id)!;
    return { value: listed, audit: { patientId: input.patientId, resourceTypes: ['Patient'] } };
  }

  /** Takes the entry off the list; a slot held for it goes to the next patient. */
  async remove(id: string): Promise<void> {
    const entry = this.deps.store.get(id);
    if (!entry) return;
    this.deps.store.delete(id);
    if (entry.offer) await this.passOn(entry);
    this.changed();
  }

  /** Slots a cancellation freed: each is offered down the list. */
  slotsFreed(freed: FreedSlots): Promise<void> {
    return this.serial(async () => {
      for (const slotId of freed.slotIds) await this.offerSlot(slotId);
    });
  }

  /** Offers whose hold lapsed go back to waiting, and their slot to the next patient in order. */
  expireOffers(): Promise<void> {
    return this.serial(async () => {
      const now = this.now();
      for (const entry of this.deps.store.active()) {
        if (entry.state !== 'offered' || !entry.offer || entry.offer.expiresAt > now) continue;
        this.deps.store.put({ ...entry, state: 'waiting', offer: null });
        await this.passOn(entry);
      }
      this.changed();
    });
  }

  /**
   * The periodic re-check: for each waiting entry in order, the best slot in its window (under every rule)
   * that no earlier entry took in this pass and that it has not let lapse before, held for it.
   */
  recheck(): Promise<void> {
    return this.serial(async () => {
      const waiting = this.deps.store.active().filter((e) => e.state === 'waiting');
      if (waiting.length === 0) return;
      const now = this.now();
      const world = await this.deps.loader.world({ from: now, to: Math.max(...waiting.map((e) => e.to)) });
      const taken = new Set<string>();
      for (const entry of waiting) {
        const patient = await this.deps.loader.patient(entry.patientId);
        const result = (this.deps.rank ?? rankSlots)(world, {
          visitTypeId: entry.visitTypeId,
          window: { from: Math.max(entry.from, now), to: entry.to },
          patient,
          preferences: withDistanceLimit(entry.preferences, this.deps.rules()),
          limit: 5,
          now,
        });
        const usable = (id: string): boolean => !taken.has(id) && !this.passed.get(id)?.has(entry.id);
        const offer = result.offers.find((o) => o.visits.every((v) => v.slotIds.every(usable)));
        if (!offer) continue;
        const slotIds = offer.visits.flatMap((v) => v.slotIds);
        slotIds.forEach((id) => taken.add(id));
        await this.holdFor(entry, offer, patient, slotIds[0]!);
      }
    });
  }

  private booked(holdId: string): void {
    const entry = this.deps.store.active().find((e) => e.offer?.holdId === holdId);
    if (!entry) return;
    this.deps.store.put({ ...entry, state: 'booked' });
    this.offeredSlot.delete(holdId);
    this.changed();
  }

  /** The entry had `slot` held: release it and offer it to the next patient (this one is passed over). */
  private async passOn(entry: StoredWaitlistEntry): Promise<void> {
    const holdId = entry.offer?.holdId;
    if (!holdId) return;
    const slotId = this.offeredSlot.get(holdId);
    this.offeredSlot.delete(holdId);
    await this.deps.scheduling.release(holdId).catch(() => this.deps.logger.log('warn', 'waitlist.release-failed', {}));
    if (!slotId) return;
    const passed = this.passed.get(slotId) ?? new Set<string>();
    passed.add(entry.id);
    this.passed.set(slotId, passed);
    await this.offerSlot(slotId);
  }

  private async offerSlot(slotId: string): Promise<void> {
    const waiting = this.deps.store.active().filter((e) => e.state === 'waiting');
    if (waiting.length === 0) return;
    const now = this.now();
    const until = Math.max(...waiting.map((e) => e.to));
    const world = await this.deps.loader.world({ from: now, to: until });
    const entries: EngineWaitlistEntry[] = await Promise.all(
      waiting.map(async (e) => ({
        id: e.id,
        addedAt: e.addedAt,
        patient: await this.deps.loader.patient(e.patientId),
        visitTypeId: e.visitTypeId,
        window: { from: Math.max(e.from, now), to: e.to },
        preferences: withDistanceLimit(e.preferences, this.deps.rules()),
      })),
    );
    const decision = offerFreedSlot(world, slotId, entries, this.passed.get(slotId) ?? new Set(), now, this.deps.rules().holdMinutes);
    if (!decision.next) {
      this.deps.logger.log('info', 'waitlist.slot-unclaimed', { skipped: decision.skipped.length });
      return;
    }
    const entry = waiting.find((e) => e.id === decision.next!.entryId)!;
    await this.holdFor(entry, decision.next.offer, entries.find((e) => e.id === entry.id)!.patient, slotId);
    this.deps.logger.log('info', 'waitlist.slot-decided', { skipped: decision.skipped.length });
  }

  /** Holds the engine's offer for the entry (the hold window of the rules) and marks it offered. */
  private async holdFor(entry: StoredWaitlistEntry, offer: EngineOffer, patient: PatientContext, slotId: string): Promise<void> {
    try {
      const hold = await this.deps.scheduling.holdEngineOffer(
        offer,
        { patientId: entry.patientId, dispositionId: null, visitTypeId: entry.visitTypeId, preferences: entry.preferences, limit: 5 },
        patient,
      );
      this.offeredSlot.set(hold.holdId, slotId);
      this.deps.store.put({ ...entry, state: 'offered', offer: { holdId: hold.holdId, offer: hold.offer, expiresAt: hold.expiresAt } });
      this.deps.logger.log('info', 'waitlist.offered', {});
      this.changed();
    } catch {
      // Someone else took the slot first: nothing to offer this time.
      this.deps.logger.log('info', 'waitlist.slot-taken-before-offer', {});
    }
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private changed(): void {
    if (this.listeners.size === 0) return;
    const entries = this.list();
    for (const l of this.listeners) l(entries);
  }
}
