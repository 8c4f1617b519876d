import { randomUUID } from 'node:crypto';
import type { Appointment } from '@medplum/fhirtypes';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DemoFhirServer } from '../demo/ehr/DemoFhirServer';
import { DocumentationOutbox, MemoryOutboxStore } from '../documentation/DocumentationOutbox';
import { FhirClient } from '../ehr/FhirClient';
import { createMemoryLogger } from '../log/logger';
import { rankSlots } from './engine/rankSlots';
import { schedulingDeliverers } from './fhir/appointmentDelivery';
import { ACTIVE_APPOINTMENT_STATUSES, refId } from './fhir/fhirToModel';
import { SchedulingWorldLoader } from './fhir/SchedulingWorldLoader';
import { SlotHolds } from './fhir/SlotHolds';
import { FIXTURE, fixtureRules, loadFixture } from './fhir/testing/schedulingFixture';
import { SchedulingError } from './SchedulingError';
import { SchedulingService } from './SchedulingService';

/**
 * Booking never double-books: several workstations (some with clocks far enough ahead to see the others'
 * holds as lapsed, so they really compete for the same slot) search, hold and book at once against one
 * EHR. Whatever interleaving happens, every Slot ends with at most one active Appointment and no provider
 * has two overlapping active Appointments.
 */
const rules = fixtureRules({ holdMinutes: 5 });

function workstation(baseUrl: string, skewMs: number): { service: SchedulingService; outbox: DocumentationOutbox } {
  const fhir = new FhirClient({ baseUrl, timeoutMs: 5_000 });
  const now = (): number => Date.now() + skewMs;
  const outbox = new DocumentationOutbox(fhir, new MemoryOutboxStore(), createMemoryLogger(), { baseMs: 20, maxMs: 100, jitter: 0.2 }, now, {
    submitWaitMs: 5_000,
    deliverers: schedulingDeliverers(now),
  });
  const loader = new SchedulingWorldLoader(fhir, () => rules, { defaultTimeZone: 'America/New_York', now });
  const service = new SchedulingService({ fhir, loader, holds: new SlotHolds(fhir, now), outbox, rules: () => rules, rank: rankSlots, logger: createMemoryLogger(), now });
  return { service, outbox };
}

const agent = fc.record({
  patient: fc.constantFrom(...FIXTURE.patients),
  offerIndex: fc.nat({ max: 2 }),
  visitTypeId: fc.constantFrom('sick', 'long'),
  skewed: fc.boolean(),
  delayMs: fc.nat({ max: 30 }),
});

describe('booking under concurrency (property)', () => {
  it('never double-books a slot or a provider', { timeout: 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(agent, { minLength: 2, maxLength: 5 }), async (agents) => {
        const server = await DemoFhirServer.start();
        const stations = agents.map((a) => workstation(server.baseUrl, a.skewed ? (rules.holdMinutes + 1) * 60_000 : 0));
        try {
          const fhir = new FhirClient({ baseUrl: server.baseUrl });
          // Few slots (2 providers x 2 hours): agents collide often.
          await loadFixture(fhir, { start: Math.ceil(Date.now() / 3_600_000) * 3_600_000, hours: 2 });
          await Promise.all(
            agents.map(async (a, i) => {
              const { service } = stations[i]!;
              await new Promise((r) => setTimeout(r, a.delayMs));
              try {
                const found = (await service.search({ patientId: a.patient, dispositionId: null, visitTypeId: a.visitTypeId, preferences: {}, limit: 3 })).value;
                const offer = found.offers[Math.min(a.offerIndex, found.offers.length - 1)];
                if (!offer) return;
                const hold = await service.hold(a.patient, offer.offerId);
                await service.book(
                  { holdId: hold.holdId, patientId: a.patient, idempotencyKey: randomUUID(), reason: 'Property test', callId: null, dispositionId: null, outsideWindowReason: null, sendConfirmation: false },
                  { role: 'agent' },
                );
              } catch (error) {
                // Losing a race is fine (the agent gets fresh offers); anything else is a bug.
                if (!(error instanceof SchedulingError && error.code === 'slot-taken')) throw error;
              }
            }),
          );
          const appointments = (await fhir.search<Appointment>('Appointment', { _count: '1000' })).filter((a) => ACTIVE_APPOINTMENT_STATUSES.includes(a.status));
          const bySlot = new Map<string, number>();
          for (const a of appointments) for (const s of a.slot ?? []) bySlot.set(s.reference ?? '', (bySlot.get(s.reference ?? '') ?? 0) + 1);
          expect([...bySlot.values()].every((n) => n === 1)).toBe(true);
          const byProvider = new Map<string, { start: number; end: number }[]>();
          for (const a of appointments) {
            const provider = a.participant?.map((p) => refId(p.actor, 'PractitionerRole')).find((x) => x !== null) ?? '';
            const list = byProvider.get(provider) ?? [];
            const span = { start: Date.parse(a.start!), end: Date.parse(a.end!) };
            expect(list.some((o) => o.start < span.end && span.start < o.end)).toBe(false);
            byProvider.set(provider, [...list, span]);
          }
        } finally {
          await Promise.all(stations.map((s) => s.outbox.dispose()));
          await server.stop();
        }
      }),
      { numRuns: 12 },
    );
  });
});
