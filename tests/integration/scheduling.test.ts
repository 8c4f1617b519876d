import { randomUUID } from 'node:crypto';
import type { Appointment, Slot } from '@medplum/fhirtypes';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FhirClient } from '../../src-main/ehr/FhirClient';
import { createMemoryLogger } from '../../src-main/log/logger';
import { BookingDeliverer } from '../../src-main/scheduling/fhir/appointmentDelivery';
import { SCHEDULING_IDENTIFIER_SYSTEMS } from '../../src-main/scheduling/fhir/schedulingFhir';
import { SlotHolds } from '../../src-main/scheduling/fhir/SlotHolds';
import { fixtureRules, loadFixture } from '../../src-main/scheduling/fhir/testing/schedulingFixture';
import type { BookingInput, SearchInput } from '../../src-main/scheduling/SchedulingService';
import { type SchedulingHarness, schedulingHarness } from '../../src-main/scheduling/testing/schedulingHarness';
import { WaitlistService } from '../../src-main/scheduling/WaitlistService';
import { MemoryWaitlistStore } from '../../src-main/scheduling/WaitlistStore';
import { type FhirServerProcess, startFhirServerProcess } from '../support/fhirServerProcess';

let server: FhirServerProcess;
let direct: FhirClient;
let h: SchedulingHarness | undefined;
beforeAll(async () => {
  server = await startFhirServerProcess();
  direct = new FhirClient({ baseUrl: server.directBaseUrl, timeoutMs: 30_000 });
  // Loaded once: the tests share one EHR, and re-writing the fixture would set booked slots free again under
  // their Appointments (an EHR that double-books). Slots start at a whole hour at least an hour ahead.
  await loadFixture(direct, { start: Math.ceil(Date.now() / 3_600_000) * 3_600_000 + 3_600_000, hours: 48 });
});
afterEach(async () => {
  await server.restart().catch(() => undefined);
  await h?.close();
  h = undefined;
});
afterAll(async () => {
  await server?.kill();
});

const search = (patientId: string): SearchInput => ({ patientId, dispositionId: 'seen-today', visitTypeId: 'sick', preferences: {}, limit: 5 });
const booking = (holdId: string, patientId: string, reason = 'Sore throat for two days'): BookingInput => ({
  holdId,
  patientId,
  idempotencyKey: randomUUID(),
  reason,
  callId: null,
  dispositionId: 'seen-today',
  outsideWindowReason: null,
  sendConfirmation: true,
});

describe('scheduling against the FHIR test server (separate process)', { timeout: 60_000 }, () => {
  it('search -> hold -> book: the Appointment is in the EHR and listed for the patient', async () => {
    h = await schedulingHarness({ baseUrl: server.baseUrl, load: false });
    const top = (await h.service.search(search('pat-1'))).value.offers[0]!;
    const hold = await h.service.hold('pat-1', top.offerId);
    const result = (await h.service.book(booking(hold.holdId, 'pat-1'), { role: 'agent' })).value;
    expect(result.outcome).toBe('booked');
    if (result.outcome !== 'booked') return;
    const byPatient = await direct.search<Appointment>('Appointment', { patient: 'Patient/pat-1' });
    expect(byPatient.map((a) => a.id)).toContain(result.appointmentId);
    expect((await h.service.appointments('pat-1')).value.find((a) => a.id === result.appointmentId)).toMatchObject({ status: 'booked', pending: false, timeZone: 'America/New_York' });
    expect((await direct.read<Slot>('Slot', top.visits[0]!.slotIds[0]!)).status).toBe('busy');
  });

  it('a slot taken by another client between hold and book: conflict with fresh offers; the request (reason) is untouched for the retry', async () => {
    h = await schedulingHarness({ baseUrl: server.baseUrl, load: false });
    const top = (await h.service.search(search('pat-2'))).value.offers[0]!;
    const hold = await h.service.hold('pat-2', top.offerId);
    // Another workstation sees our hold lapse (its clock is past it) and takes the slot through the EHR.
    const other = new SlotHolds(direct, () => hold.expiresAt + 1);
    expect((await other.hold(top.visits[0]!.slotIds, randomUUID(), hold.expiresAt + 600_000)).ok).toBe(true);
    const request = booking(hold.holdId, 'pat-2', 'Rash on both arms since Monday');
    const result = (await h.service.book(request, { role: 'agent' })).value;
    expect(result.outcome).toBe('conflict');
    if (result.outcome !== 'conflict') return;
    expect(result.message).toMatch(/taken by someone else/);
    expect(result.refreshed.offers.length).toBeGreaterThan(0);
    expect(result.refreshed.offers.flatMap((o) => o.visits.flatMap((v) => v.slotIds))).not.toContain(top.visits[0]!.slotIds[0]);
    // The caller books a fresh offer with what the agent entered.
    const fresh = await h.service.hold('pat-2', result.refreshed.offers[0]!.offerId);
    const retried = (await h.service.book({ ...booking(fresh.holdId, 'pat-2'), reason: request.reason }, { role: 'agent' })).value;
    expect(retried.outcome).toBe('booked');
    if (retried.outcome !== 'booked') return;
    expect((await direct.read<Appointment>('Appointment', retried.appointmentId)).description).toBe('Rash on both arms since Monday');
  });

  it('EHR down while booking: queued, delivered exactly once when it is back; three replays leave one Appointment', async () => {
    h = await schedulingHarness({ baseUrl: server.baseUrl, submitWaitMs: 1_500, load: false });
    const top = (await h.service.search(search('pat-3'))).value.offers[0]!;
    const hold = await h.service.hold('pat-3', top.offerId);
    await server.stop();
    const request = booking(hold.holdId, 'pat-3');
    const result = (await h.service.book(request, { role: 'agent' })).value;
    expect(result.outcome).toBe('queued');
    if (result.outcome !== 'queued') return;
    expect(result.reason).toMatch(/cannot be reached|did not answer/);
    await server.restart();
    await expect.poll(() => h!.outbox.status(result.outboxId)?.item.state, { timeout: 30_000, interval: 100 }).toBe('sent');
    const counts = async (): Promise<number | undefined> => (await server.identifierCounts('Appointment', SCHEDULING_IDENTIFIER_SYSTEMS.appointment)).get(request.idempotencyKey);
    expect(await counts()).toBe(1);
    // The stored booking replayed three times (a restart, a second workstation, a retry after a lost answer).
    const deliverer = new BookingDeliverer();
    const bundle = h.store.get(result.outboxId)!.bundle;
    const ids = new Set<string | null>();
    for (let i = 0; i < 3; i++) ids.add((await deliverer.deliver(bundle, direct, AbortSignal.timeout(10_000))).ids.appointmentId ?? null);
    expect(ids.size).toBe(1);
    expect(await counts()).toBe(1);
    expect((await server.identifierCounts('Communication', SCHEDULING_IDENTIFIER_SYSTEMS.confirmation)).get(request.idempotencyKey)).toBe(1);
    // A retried request with the same key answers from the outbox, never books again.
    const again = (await h.service.book(request, { role: 'agent' })).value;
    expect(again.outcome).toBe('booked');
    expect(await counts()).toBe(1);
  });

  it('cancel frees the slot and the first waitlisted patient is offered it', async () => {
    h = await schedulingHarness({ baseUrl: server.baseUrl, load: false });
    const rules = fixtureRules();
    const waitlist = new WaitlistService({ fhir: h.fhir, loader: h.loader, scheduling: h.service, store: new MemoryWaitlistStore(), rules: () => rules, logger: createMemoryLogger() });
    try {
      const top = (await h.service.search(search('pat-4'))).value.offers[0]!;
      const hold = await h.service.hold('pat-4', top.offerId);
      const booked = (await h.service.book(booking(hold.holdId, 'pat-4'), { role: 'agent' })).value;
      if (booked.outcome !== 'booked') throw new Error(booked.outcome);
      const window = { from: Date.now(), to: Date.now() + 3 * 86_400_000 };
      const first = (await waitlist.add({ patientId: 'pat-1', visitTypeId: 'sick', ...window, preferences: {} })).value;
      const second = (await waitlist.add({ patientId: 'pat-2', visitTypeId: 'sick', ...window, preferences: {} })).value;
      await h.service.cancel({ appointmentId: booked.appointmentId, patientId: 'pat-4', reason: 'Feeling better', idempotencyKey: randomUUID() });
      expect((await direct.read<Appointment>('Appointment', booked.appointmentId)).status).toBe('cancelled');
      await expect.poll(() => waitlist.list().map((e) => [e.id, e.state]), { timeout: 10_000 }).toEqual([
        [first.id, 'offered'],
        [second.id, 'waiting'],
      ]);
      expect(waitlist.list()[0]!.offer!.offer.visits[0]!.slotIds).toEqual(top.visits[0]!.slotIds);
      expect((await direct.read<Slot>('Slot', top.visits[0]!.slotIds[0]!)).status).toBe('busy-tentative');
    } finally {
      waitlist.dispose();
    }
  });
});
