import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EngineResult } from '../model';
import { planMassReschedule } from './planMassReschedule';
import { rankSlots } from './rankSlots';
import { overlaps, violations } from './testing/hardRuleOracle';
import { randomCase } from './testing/randomWorld';
import { offerFreedSlot, type WaitlistEntry } from './waitlistOrder';

function allSlotIds(result: EngineResult): string[] {
  return result.offers.flatMap((o) => o.visits.flatMap((v) => v.slotIds));
}

const seeds = fc.integer({ min: 1, max: 2 ** 31 - 1 });

describe('rankSlots properties', () => {
  it('no offered slot ever breaks a hard rule; offers in the window, within the limit, never sharing a slot', () => {
    let offered = 0;
    fc.assert(
      fc.property(seeds, (seed) => {
        const { world, request } = randomCase(seed);
        const result = rankSlots(world, request);
        offered += result.offers.length;
        expect(result.offers.length).toBeLessThanOrEqual(request.limit);
        for (const offer of result.offers) {
          expect(violations(world, request, offer), `seed ${seed}`).toEqual([]);
          expect(offer.reasons.length).toBeGreaterThan(0);
        }
        const ids = allSlotIds(result);
        expect(new Set(ids).size).toBe(ids.length);
        if (result.firstAfterWindow) {
          expect(result.offers).toEqual([]);
          const after = { ...request, window: { from: request.window.to, to: request.window.to + 31 * 86_400_000 } };
          expect(violations(world, after, result.firstAfterWindow).filter((v) => !v.endsWith('outside window'))).toEqual([]);
          expect(result.firstAfterWindow.visits[0]!.start).toBeGreaterThan(request.window.to);
        }
      }),
      { numRuns: 800 },
    );
    // The generator must actually produce offers, or the property says nothing.
    expect(offered).toBeGreaterThan(250);
  });

  it('is deterministic: same input, same output, whatever the order of providers, slots and bookings', () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const { world, request } = randomCase(seed);
        const shuffled = { ...world, providers: [...world.providers].reverse(), slots: [...world.slots].reverse(), booked: [...world.booked].reverse() };
        const a = rankSlots(world, request);
        expect(rankSlots(world, request)).toEqual(a);
        expect(rankSlots(shuffled, request).offers).toEqual(a.offers);
      }),
      { numRuns: 150 },
    );
  });

  it('stopping early (providers whose later slots cannot win) never changes the best offer', () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const { world, request } = randomCase(seed);
        const pruned = rankSlots(world, { ...request, limit: 1 });
        // A limit this large keeps every candidate, so nothing is pruned.
        const exhaustive = rankSlots(world, { ...request, limit: 100_000 });
        expect(pruned.offers[0]?.offerId, `seed ${seed}`).toBe(exhaustive.offers[0]?.offerId);
      }),
      { numRuns: 300 },
    );
  });

  it('the offers are sorted by score, best first (ties: earlier start first)', () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const { world, request } = randomCase(seed);
        const { offers } = rankSlots(world, request);
        for (let i = 1; i < offers.length; i++) {
          const [a, b] = [offers[i - 1]!, offers[i]!];
          expect(a.score > b.score || (a.score === b.score && a.visits[0]!.start <= b.visits[0]!.start), `seed ${seed}`).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('mass reschedule never gives one slot to two patients, nor a slot inside the closure', () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const { world, request } = randomCase(seed);
        const providerId = world.providers[0]!.id;
        const closure = { providerId, locationId: null, start: request.now, end: request.now + 2 * 86_400_000, reason: 'Provider out sick' };
        const affected = world.booked.filter((b) => b.providerId === providerId);
        const plan = planMassReschedule(world, affected, closure, (a) => ({ ...request, patient: { ...request.patient, id: a.patientId }, limit: 1 }));
        const ids = plan.proposals.flatMap((p) => p.offer?.visits.flatMap((v) => v.slotIds) ?? []);
        expect(new Set(ids).size).toBe(ids.length);
        for (const p of plan.proposals) {
          for (const v of p.offer?.visits ?? []) expect(v.providerId === providerId && overlaps(v, closure)).toBe(false);
        }
        expect(plan.proposals).toHaveLength(affected.length);
      }),
      { numRuns: 80 },
    );
  });

  it('the waitlist offers a freed slot to the earliest-added entry it fits, and an earlier twin always wins', () => {
    fc.assert(
      fc.property(seeds, fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 6 }), (seed, addedAts) => {
        const { world, request } = randomCase(seed);
        const free = world.slots.filter((s) => s.status === 'free' && !s.heldUntil);
        fc.pre(free.length > 0);
        const freed = free[seed % free.length]!;
        const entries: WaitlistEntry[] = addedAts.map((addedAt, i) => ({
          id: `e${i}`,
          addedAt,
          patient: { ...request.patient, id: `pat-${i}`, ageYears: [2, 17, 18, 45][i % 4]! },
          visitTypeId: 'vt',
          window: { from: request.now, to: request.now + ((i % 3) + 1) * 86_400_000 },
          preferences: request.preferences,
        }));
        const decision = offerFreedSlot(world, freed.id, entries, new Set(), request.now, 5);
        const order = [...entries].sort((a, b) => a.addedAt - b.addedAt || (a.id < b.id ? -1 : 1)).map((e) => e.id);
        const skipped = decision.skipped.map((s) => s.entryId);
        // Everyone ahead of the chosen entry was looked at and skipped, in order; nobody after it was.
        const cut = decision.next ? order.indexOf(decision.next.entryId) : order.length;
        expect(skipped).toEqual(order.slice(0, cut));
        if (decision.next) {
          expect(decision.next.offer.visits[0]!.slotIds[0]).toBe(freed.id);
          expect(violations(world, { ...request, patient: entries.find((e) => e.id === decision.next!.entryId)!.patient, window: { from: freed.start, to: freed.start } }, decision.next.offer)).toEqual([]);
          const chosen = entries.find((e) => e.id === decision.next!.entryId)!;
          const twin = { ...chosen, id: 'twin', addedAt: -1 };
          expect(offerFreedSlot(world, freed.id, [...entries, twin], new Set(), request.now, 5).next?.entryId).toBe('twin');
        }
      }),
      { numRuns: 120 },
    );
  });
});
