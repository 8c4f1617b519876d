import { describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../log/logger';
import type { DocumentationOutbox } from '../documentation/DocumentationOutbox';
import type { FhirClient } from '../ehr/FhirClient';
import { rankSlots } from './engine/rankSlots';
import { DAY, MONDAY_9AM_NY, slotRun, testLocation, testPatient, testProvider, testVisitType, testWorld } from './engine/testing/worldBuilder';
import type { SchedulingWorldLoader } from './fhir/SchedulingWorldLoader';
import type { SlotHolds } from './fhir/SlotHolds';
import { fixtureRules } from './fhir/testing/schedulingFixture';
import type { SchedulingWorld } from './model';
import { SchedulingService } from './SchedulingService';

/**
 * The first slot after the window, when it is further away than the loader reads past the window (a week):
 * the service reads the month the engine would look at and still names it. A loader double answers with the
 * slots inside each window asked for, like the FHIR loader's Slot?start=ge…&start=le… search.
 */
describe('SchedulingService: nothing in the window', () => {
  it('names the first slot after the window even when it is weeks later', async () => {
    const now = MONDAY_9AM_NY - 60 * 60_000;
    const provider = testProvider('p1', { locationIds: ['loc-a'] });
    const location = testLocation('loc-a');
    // Every slot three weeks out: nothing in a 4-hour window, nothing in the week the loader reads past it.
    const slots = slotRun('p1', 'loc-a', MONDAY_9AM_NY + 21 * DAY, 6);
    const asked: { from: number; to: number }[] = [];
    const worldFor = (window: { from: number; to: number }): SchedulingWorld => {
      asked.push(window);
      const until = Math.max(window.to, window.from + 7 * DAY);
      return testWorld({ providers: [provider], locations: [location], visitTypes: [testVisitType('sick')], slots: slots.filter((s) => s.start >= window.from && s.start <= until) });
    };
    const loader = {
      world: async (window: { from: number; to: number }) => worldFor(window),
      patient: async () => testPatient(),
      network: async () => ({ providers: [provider], locations: [location] }),
    } as unknown as SchedulingWorldLoader;
    const rules = fixtureRules({ visitTypes: [testVisitType('sick')] });
    const service = new SchedulingService({
      fhir: {} as FhirClient,
      loader,
      holds: {} as SlotHolds,
      outbox: {} as DocumentationOutbox,
      rules: () => rules,
      rank: rankSlots,
      logger: createMemoryLogger(),
      now: () => now,
    });
    const found = (await service.search({ patientId: 'pat', dispositionId: 'seen-within-4-hours', visitTypeId: 'sick', preferences: {}, limit: 5 })).value;
    expect(found.offers).toEqual([]);
    const after = found.noneInWindow?.alternatives.find((a) => a.kind === 'first-after-window');
    expect(after?.offer?.visits[0]?.start).toBe(slots[0]!.start);
    expect(after?.label).toMatch(/^First slot after the window: /);
    expect(asked).toHaveLength(2); // the window, then the month after it
  });
});
