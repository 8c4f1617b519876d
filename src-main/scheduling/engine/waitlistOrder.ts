import type { EngineOffer, PatientContext, SchedulingRequest, SchedulingWorld } from '../model';
import { rankIndexed } from './rankSlots';
import { cmp, indexWorld } from './worldIndex';

/** A patient waiting for an earlier slot. */
export interface WaitlistEntry {
  readonly id: string;
  readonly addedAt: number;
  readonly patient: PatientContext;
  readonly visitTypeId: string;
  /** Only a visit starting inside this window is of use to them. */
  readonly window: { readonly from: number; readonly to: number };
  readonly preferences: SchedulingRequest['preferences'];
}

/** The freed slot held for one waitlisted patient until `holdUntil`. */
export interface WaitlistOffer {
  readonly entryId: string;
  readonly offer: EngineOffer;
  readonly holdUntil: number;
}

export interface WaitlistDecision {
  /** Null when nobody on the list can take the slot: it goes back to general booking. */
  readonly next: WaitlistOffer | null;
  /** Entries looked at before `next` that cannot take it, and why (for the scheduler's view). */
  readonly skipped: readonly { readonly entryId: string; readonly reason: string }[];
}

/** First come, first served: by the time they were added, then id so equal times always order the same way. */
export function waitlistQueue(entries: readonly WaitlistEntry[]): WaitlistEntry[] {
  return [...entries].sort((a, b) => a.addedAt - b.addedAt || cmp(a.id, b.id));
}

/**
 * Who is offered a freed slot: the first entry, in queue order, not yet passed over (declined, or let the hold
 * expire) for whom a visit starting on that slot passes every hard rule of the engine (visit type, window,
 * insurance, ages, new patients, limits, rooms, consecutive slots...). The slot is held for them for
 * `holdMinutes`; when they decline or the hold lapses, the caller adds them to `passedEntryIds` and asks again.
 */
export function offerFreedSlot(
  world: SchedulingWorld,
  freedSlotId: string,
  entries: readonly WaitlistEntry[],
  passedEntryIds: ReadonlySet<string>,
  now: number,
  holdMinutes: number,
): WaitlistDecision {
  const index = indexWorld(world);
  const slot = world.slots.find((s) => s.id === freedSlotId);
  const skipped: { entryId: string; reason: string }[] = [];
  if (!slot) return { next: null, skipped };
  const only = new Set([slot.id]);
  for (const entry of waitlistQueue(entries)) {
    if (passedEntryIds.has(entry.id)) continue;
    if (slot.start < entry.window.from || slot.start > entry.window.to) {
      skipped.push({ entryId: entry.id, reason: 'Outside the window they are waiting for' });
      continue;
    }
    const request: SchedulingRequest = {
      visitTypeId: entry.visitTypeId,
      window: { from: slot.start, to: slot.start },
      patient: entry.patient,
      preferences: entry.preferences,
      limit: 1,
      now,
    };
    const result = rankIndexed(index, world.weights, request, { startSlotIds: only });
    const offer = result.offers[0];
    if (offer) return { next: { entryId: entry.id, offer, holdUntil: now + holdMinutes * 60_000 }, skipped };
    skipped.push({ entryId: entry.id, reason: result.exclusions[0]?.message ?? 'The slot does not fit their visit' });
  }
  return { next: null, skipped };
}

/** A hold is over at `holdUntil`: the next entry may then be offered the slot. */
export function isHoldExpired(offer: WaitlistOffer, now: number): boolean {
  return now >= offer.holdUntil;
}
