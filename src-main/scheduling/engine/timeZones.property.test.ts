import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CareLevelId } from '../../../src-preload/contract/domain/dispositions';
import { disposition } from '../../../src-preload/contract/domain/dispositions';
import type { BookedVisit } from '../model';
import { localText } from './localPeriod';
import { planMassReschedule, type ClosureEvent } from './planMassReschedule';
import { rankSlots } from './rankSlots';
import { rescheduleWindow } from './rescheduleWindow';
import { insidePeriod, violations, wall } from './testing/hardRuleOracle';
import { DST_WORLD_STARTS, TIME_ZONES_WORLDWIDE, randomCase } from './testing/randomWorld';

/**
 * Time-zone properties (issue 12): clinics anywhere from UTC-10 to UTC+14, in weeks when clocks change, with
 * absences and closures written as local days or hours. Checked by the independent oracle (Intl wall clocks,
 * minute by minute), never by the engine's own reading.
 */

const seeds = fc.integer({ min: 1, max: 2 ** 31 - 1 });
const starts = fc.constantFrom(...DST_WORLD_STARTS);
const options = (start: number) => ({ zones: TIME_ZONES_WORLDWIDE, start });
const DAY = 86_400_000;

const DISPOSITIONS: readonly CareLevelId[] = ['ed-or-office-now', 'seen-within-4-hours', 'seen-today', 'seen-today-or-tomorrow', 'seen-within-3-days', 'seen-within-2-weeks', 'home-care'];

describe('scheduling across time zones (properties)', () => {
  it('no offer falls inside an absence or closure on the clinic\u2019s own wall clock, nor breaks any other hard rule', () => {
    let offered = 0;
    fc.assert(
      fc.property(seeds, starts, fc.integer({ min: 0, max: 5 * 24 }), fc.integer({ min: 1, max: 30 }), (seed, start, fromHour, hours) => {
        const base = randomCase(seed, options(start));
        // Every provider also away for some local hours (the same wall clock in every clinic), among the slots.
        const away = { localStart: localText(start + fromHour * 3_600_000), localEnd: localText(start + (fromHour + hours) * 3_600_000), reason: 'Away' };
        const world = { ...base.world, providers: base.world.providers.map((p) => ({ ...p, blocked: [...p.blocked, away] })) };
        const request = { ...base.request, limit: 12 };
        const { offers } = rankSlots(world, request);
        offered += offers.length;
        for (const offer of offers) expect(violations(world, request, offer), `seed ${seed} start ${start}`).toEqual([]);
      }),
      { numRuns: 600 },
    );
    expect(offered).toBeGreaterThan(500);
  });

  it('mass reschedule: never past the window the reason allows, never inside the absence (local days, each clinic\u2019s zone), one slot per patient', () => {
    let placed = 0;
    let called = 0;
    fc.assert(
      fc.property(
        seeds,
        starts,
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 1, max: 3 }),
        fc.array(fc.option(fc.constantFrom(...DISPOSITIONS), { nil: null }), { minLength: 12, maxLength: 12 }),
        fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined }),
        (seed, start, firstDay, days, dispositions, withinDays) => {
          const base = randomCase(seed, options(start));
          const visitType = { ...base.world.visitTypes[0]!, ...(withinDays === undefined ? {} : { rescheduleWithinDays: withinDays }) };
          const providerId = base.world.providers[0]!.id;
          // Some appointments carry their disposition's window (booked an hour to two days earlier), some do not.
          const affected: BookedVisit[] = base.world.booked
            .filter((b) => b.providerId === providerId)
            .map((b, i) => {
              const d = dispositions[i % dispositions.length]!;
              const minutes = d ? disposition(d).maxMinutesToCare : null;
              return d && minutes !== null ? { ...b, dispositionId: d, careBy: b.start - ((i % 48) + 1) * 3_600_000 + minutes * 60_000 } : b;
            });
          const world = { ...base.world, visitTypes: [visitType], booked: base.world.booked.map((b) => affected.find((a) => a.appointmentId === b.appointmentId) ?? b) };
          const closure: ClosureEvent = { providerId, locationId: null, localStart: localText(start + firstDay * DAY), localEnd: localText(start + (firstDay + days) * DAY), reason: 'Provider out sick' };
          const now = base.request.now;
          const zoneOf = (locationId: string) => world.locations.find((l) => l.id === locationId)!.timeZone;
          const windows = new Map(affected.map((a) => [a.appointmentId, rescheduleWindow(a, visitType, zoneOf(a.locationId), now)] as const));
          const plan = planMassReschedule(world, affected, closure, (a) => {
            const w = windows.get(a.appointmentId)!;
            return { ...base.request, window: { from: w.from, to: w.to }, patient: { ...base.request.patient, id: a.patientId }, urgent: w.urgent, limit: 3 };
          });
          expect(plan.proposals).toHaveLength(affected.length);
          const ids = plan.proposals.flatMap((p) => p.offer?.visits.flatMap((v) => v.slotIds) ?? []);
          expect(new Set(ids).size).toBe(ids.length);
          for (const p of plan.proposals) {
            const a = p.appointment;
            const zone = zoneOf(a.locationId);
            // The window, checked independently: the disposition's (or the booked time when booked past it), else
            // the visit type's days, else the booked local day; never later than any of them.
            if (a.careBy != null) expect(p.latest).toBeLessThanOrEqual(Math.max(a.careBy, a.start));
            if (a.careBy == null && withinDays === undefined) expect(wall(p.latest, zone).day).toBe(wall(a.start, zone).day);
            if (withinDays !== undefined) expect(Date.parse(wall(p.latest, zone).day) - Date.parse(wall(a.start, zone).day)).toBeLessThanOrEqual(withinDays * DAY);
            if (!p.offer) {
              called += 1;
              expect(p.reason).toMatch(/call the patient/);
              continue;
            }
            placed += 1;
            const first = p.offer.visits[0]!;
            expect(first.start, `seed ${seed}`).toBeLessThanOrEqual(p.latest);
            expect(first.start).toBeGreaterThanOrEqual(now);
            for (const v of p.offer.visits) expect(v.providerId === providerId && insidePeriod(closure, zoneOf(v.locationId), v), `seed ${seed}`).toBe(false);
            const request = { ...base.request, window: { from: now, to: p.latest }, patient: { ...base.request.patient, id: a.patientId } };
            expect(violations(world, request, p.offer), `seed ${seed}`).toEqual([]);
          }
        },
      ),
      { numRuns: 250 },
    );
    // Both outcomes must happen, or the property says nothing.
    expect(placed).toBeGreaterThan(20);
    expect(called).toBeGreaterThan(20);
  });
});
