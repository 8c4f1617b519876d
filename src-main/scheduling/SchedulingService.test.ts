import { randomUUID } from 'node:crypto';
import type { Appointment, Communication, Slot } from '@medplum/fhirtypes';
import { afterEach, describe, expect, it } from 'vitest';
import { DeferredDeliveryError, DocumentationOutbox } from '../documentation/DocumentationOutbox';
import { createMemoryLogger } from '../log/logger';
import { appointmentIdentifier, buildCancelBundle } from './fhir/appointmentBundles';
import { BOOKING_FAILURES, CancelDeliverer, schedulingDeliverers } from './fhir/appointmentDelivery';
import { CARE_BY_EXTENSION, DISPOSITION_EXTENSION, SCHEDULING_IDENTIFIER_SYSTEMS } from './fhir/schedulingFhir';
import { SlotHolds } from './fhir/SlotHolds';
import { FIXTURE, fixtureRules } from './fhir/testing/schedulingFixture';
import { SchedulingError } from './SchedulingError';
import type { SearchInput } from './SchedulingService';
import { type SchedulingHarness, schedulingHarness } from './testing/schedulingHarness';

let h: SchedulingHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const search = (patientId = 'pat-1', overrides: Partial<SearchInput> = {}): SearchInput => ({
  patientId,
  dispositionId: 'seen-today',
  visitTypeId: 'sick',
  preferences: {},
  limit: 5,
  ...overrides,
});

const booking = (holdId: string, patientId = 'pat-1') => ({
  holdId,
  patientId,
  idempotencyKey: randomUUID(),
  reason: 'Sore throat for two days',
  callId: null,
  dispositionId: 'seen-today' as const,
  outsideWindowReason: null,
  sendConfirmation: true,
});

describe('SchedulingService against the demo FHIR server', () => {
  it('searches inside the window with names and reasons, holds (visible on the Slot), books, and lists the appointment', async () => {
    h = await schedulingHarness();
    const found = await h.service.search(search());
    expect(found.audit).toEqual({ patientId: 'pat-1', resourceTypes: expect.arrayContaining(['Patient', 'Coverage']) });
    const result = found.value;
    expect(result.offers.length).toBeGreaterThan(0);
    expect(result.window.label).toMatch(/^Within 12 hours: until/);
    // The offer list says the distance limit in force (the default: nobody asked otherwise).
    expect(result.distanceLimit).toMatchObject({ km: 80, source: 'default' });
    const top = result.offers[0]!;
    expect(top.visits[0]!.start).toBeLessThanOrEqual(result.window.to);
    expect(top.visits[0]!.providerName).toMatch(/Kimura|Leland/);
    expect(top.visits[0]!.timeZone).toBe('America/New_York');
    // pat-1's PCP is Dr Kimura: continuity ranks first.
    expect(top.visits[0]!.providerId).toBe('role-kim');

    const hold = await h.service.hold('pat-1', top.offerId);
    const held = await h.fhir.read<Slot>('Slot', top.visits[0]!.slotIds[0]!);
    expect(held.status).toBe('busy-tentative');
    expect(hold.expiresAt).toBeGreaterThan(Date.now());

    const request = booking(hold.holdId);
    const booked = await h.service.book(request, { role: 'agent' });
    expect(booked.value.outcome).toBe('booked');
    if (booked.value.outcome !== 'booked') return;
    // The same request again (its answer was lost): the same appointment, no second booking.
    expect((await h.service.book(request, { role: 'agent' })).value).toMatchObject({ outcome: 'booked', appointmentId: booked.value.appointmentId });
    expect(await h.fhir.search<Appointment>('Appointment', { patient: 'Patient/pat-1' })).toHaveLength(1);
    expect(booked.value.confirmationScript).toMatch(/You are booked: Sick visit with/);
    const slot = await h.fhir.read<Slot>('Slot', top.visits[0]!.slotIds[0]!);
    expect(slot.status).toBe('busy');
    expect(slot.extension ?? []).toEqual([]);
    const appointment = await h.fhir.read<Appointment>('Appointment', booked.value.appointmentId);
    expect(appointment.status).toBe('booked');
    const confirmations = await h.fhir.search<Communication>('Communication', { identifier: `${SCHEDULING_IDENTIFIER_SYSTEMS.confirmation}|${booked.value.outboxId}` });
    expect(confirmations.map((c) => c.status)).toEqual(['preparation']);

    const listed = (await h.service.appointments('pat-1')).value;
    expect(listed.map((a) => a.id)).toContain(booked.value.appointmentId);
    // The visit type id travels with it (a reschedule pre-selects it).
    const bookedId = booked.value.appointmentId;
    expect(listed.find((a) => a.id === bookedId)).toMatchObject({ visitTypeId: 'sick', pending: false });
    // The booked slot is not offered again.
    const again = (await h.service.search(search('pat-2'))).value;
    expect(again.offers.flatMap((o) => o.visits.flatMap((v) => v.slotIds))).not.toContain(top.visits[0]!.slotIds[0]);
  });

  it('answers a conflict with fresh offers when another workstation takes the slot between hold and book', async () => {
    h = await schedulingHarness();
    const top = (await h.service.search(search())).value.offers[0]!;
    const hold = await h.service.hold('pat-1', top.offerId);
    // Another workstation: our hold lapses (the clock moves past it) and it takes the slot.
    const other = new SlotHolds(h.fhir, () => hold.expiresAt + 1);
    expect((await other.hold(top.visits[0]!.slotIds, randomUUID(), hold.expiresAt + 600_000)).ok).toBe(true);
    const result = (await h.service.book(booking(hold.holdId), { role: 'agent' })).value;
    expect(result.outcome).toBe('conflict');
    if (result.outcome !== 'conflict') return;
    expect(result.message).toMatch(/taken by someone else/);
    expect(result.refreshed.offers.length).toBeGreaterThan(0);
    expect(result.refreshed.offers.flatMap((o) => o.visits.flatMap((v) => v.slotIds))).not.toContain(top.visits[0]!.slotIds[0]);
    expect(await h.fhir.search<Appointment>('Appointment', { patient: 'Patient/pat-1' })).toEqual([]);
  });

  it('refuses a hold on a slot held by someone else, with fresh offers', async () => {
    h = await schedulingHarness();
    const top = (await h.service.search(search())).value.offers[0]!;
    await new SlotHolds(h.fhir).hold(top.visits[0]!.slotIds, randomUUID(), Date.now() + 300_000);
    const error = await h.service.hold('pat-1', top.offerId).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SchedulingError);
    expect((error as SchedulingError).code).toBe('slot-taken');
    expect((error as SchedulingError).refreshed?.offers[0]?.offerId).not.toBe(top.offerId);
  });

  it('never schedules call-911 or ed-now, and says what to do instead', async () => {
    h = await schedulingHarness({ load: false });
    for (const dispositionId of ['call-911', 'ed-now'] as const) {
      const error = await h.service.search(search('pat-1', { dispositionId })).catch((e: unknown) => e);
      expect((error as SchedulingError).code).toBe('not-schedulable');
      expect((error as SchedulingError).message).toMatch(/not something to book/);
    }
  });

  it('with nothing in the window: says so, offers urgent care, a nurse callback, the first slot after (nurse only) and the waitlist', async () => {
    // Slots start 6 hours from now: a 4-hour window has none.
    h = await schedulingHarness({ load: false });
    const { loadFixture } = await import('./fhir/testing/schedulingFixture');
    await loadFixture(h.fhir, { start: h.start + 6 * 3_600_000, hours: 12 });
    const result = (await h.service.search(search('pat-1', { dispositionId: 'seen-within-4-hours' }))).value;
    expect(result.offers).toEqual([]);
    expect(result.noneInWindow?.message).toMatch(/No sick visit slot is available inside the window/);
    const kinds = result.noneInWindow!.alternatives.map((a) => a.kind);
    expect(kinds).toEqual(['urgent-care', 'nurse-callback', 'first-after-window', 'waitlist']);
    const after = result.noneInWindow!.alternatives.find((a) => a.kind === 'first-after-window')!.offer!;
    const hold = await h.service.hold('pat-1', after.offerId);
    const refused = await h.service.book(booking(hold.holdId), { role: 'agent' }).catch((e: unknown) => e);
    expect((refused as SchedulingError).code).toBe('not-permitted');
    const noReason = await h.service.book(booking(hold.holdId), { role: 'nurse' }).catch((e: unknown) => e);
    expect((noReason as SchedulingError).code).toBe('outside-window');
    const booked = (await h.service.book({ ...booking(hold.holdId), outsideWindowReason: 'Caller prefers this clinic; symptoms stable' }, { role: 'nurse' })).value;
    expect(booked.outcome).toBe('booked');
  });

  it('cancels idempotently: the Appointment is cancelled, its slot is free again and offered', async () => {
    h = await schedulingHarness();
    const top = (await h.service.search(search())).value.offers[0]!;
    const hold = await h.service.hold('pat-1', top.offerId);
    const booked = (await h.service.book(booking(hold.holdId), { role: 'agent' })).value;
    if (booked.outcome !== 'booked') throw new Error(booked.outcome);
    const freed: string[][] = [];
    h.service.onSlotsFreed((f) => freed.push([...f.slotIds]));
    const key = randomUUID();
    const cancel = { appointmentId: booked.appointmentId, patientId: 'pat-1', reason: 'Feeling better', idempotencyKey: key };
    expect((await h.service.cancel(cancel)).value.status).toBe('cancelled');
    expect((await h.service.cancel(cancel)).value.status).toBe('cancelled');
    expect(h.outbox.status(key)?.item).toMatchObject({ state: 'sent', lastError: null });
    expect((await h.fhir.read<Appointment>('Appointment', booked.appointmentId)).status).toBe('cancelled');
    expect((await h.fhir.read<Slot>('Slot', top.visits[0]!.slotIds[0]!)).status).toBe('free');
    expect(freed).toEqual([top.visits[0]!.slotIds]);
    const wrong = await h.service.cancel({ ...cancel, patientId: 'pat-2', idempotencyKey: randomUUID() }).catch((e: unknown) => e);
    expect((wrong as SchedulingError).code).toBe('wrong-patient');
  });

  it('lists visit types with the disposition suggestion first, and the directory', async () => {
    h = await schedulingHarness();
    expect(h.service.visitTypes('seen-within-4-hours').map((v) => [v.id, v.suggested])).toEqual([
      ['sick', true],
      ['long', false],
    ]);
    const directory = await h.service.directory();
    expect(directory.providers.map((p) => p.id).sort()).toEqual([...FIXTURE.providers]);
    expect(directory.locations.map((l) => l.id).sort()).toEqual([FIXTURE.clinic, FIXTURE.urgentCare]);
  });

  it('plans a mass reschedule for a provider out sick (supervisor only): new slots with another provider, everyone notified', async () => {
    h = await schedulingHarness();
    const booked: string[] = [];
    for (const patientId of ['pat-1', 'pat-2']) {
      const offers = (await h.service.search(search(patientId, { preferences: { providerId: 'role-kim' } }))).value.offers;
      const kim = offers.find((o) => o.visits[0]!.providerId === 'role-kim')!;
      const hold = await h.service.hold(patientId, kim.offerId);
      const result = (await h.service.book(booking(hold.holdId, patientId), { role: 'agent' })).value;
      if (result.outcome !== 'booked') throw new Error(result.outcome);
      booked.push(result.appointmentId);
    }
    const request = { scope: { kind: 'provider' as const, providerId: 'role-kim' }, from: h.start - 3_600_000, to: h.start + 48 * 3_600_000, reason: 'Provider out sick' };
    const refused = await h.service.massReschedulePlan(request, { role: 'agent' }).catch((e: unknown) => e);
    expect((refused as SchedulingError).code).toBe('not-permitted');
    const plan = await h.service.massReschedulePlan(request, { role: 'supervisor' });
    expect(plan.value.affected.map((a) => a.appointment.id).sort()).toEqual([...booked].sort());
    expect(plan.value.affected.every((a) => a.proposal?.visits[0]?.providerId === 'role-lee')).toBe(true);
    const proposed = plan.value.affected.map((a) => a.proposal!.visits[0]!.slotIds[0]);
    expect(new Set(proposed).size).toBe(2);
    expect(plan.value.notify.map((n) => n.patientId).sort()).toEqual(['pat-1', 'pat-2']);
    expect(plan.value.notify[0]!.message).toMatch(/cannot go ahead \(Provider out sick\)\. We propose .* with Dr\. Avery Leland/);
    expect(plan.audit.patientIds.sort()).toEqual(['pat-1', 'pat-2']);
  });

  it('a visit booked for "be seen today" carries its window, and a mass reschedule never moves it past it: "call the patient", with why', async () => {
    const start = Math.ceil(Date.now() / 3_600_000) * 3_600_000 + 3_600_000;
    // The other provider is away for the rest of the window (12 hours): only slots past it are free.
    const rules = fixtureRules({ providers: { 'role-lee': { blocked: [{ start: start - 3_600_000, end: start + 14 * 3_600_000, reason: 'Away' }] } } });
    h = await schedulingHarness({ rules });
    const offers = (await h.service.search(search('pat-1', { preferences: { providerId: 'role-kim' } }))).value.offers;
    const kim = offers.find((o) => o.visits[0]!.providerId === 'role-kim')!;
    const result = (await h.service.book(booking((await h.service.hold('pat-1', kim.offerId)).holdId), { role: 'agent' })).value;
    if (result.outcome !== 'booked') throw new Error(result.outcome);
    const stored = await h.fhir.read<Appointment>('Appointment', result.appointmentId);
    const careBy = Date.parse(stored.extension?.find((e) => e.url === CARE_BY_EXTENSION)?.valueDateTime ?? '');
    expect(stored.extension?.find((e) => e.url === DISPOSITION_EXTENSION)?.valueCode).toBe('seen-today');
    expect(careBy).toBeGreaterThan(kim.visits[0]!.start);

    const request = { scope: { kind: 'provider' as const, providerId: 'role-kim' }, from: h.start - 3_600_000, to: h.start + 48 * 3_600_000, reason: 'Provider out sick' };
    const plan = (await h.service.massReschedulePlan(request, { role: 'supervisor' })).value;
    expect(plan.affected).toHaveLength(1);
    // Dr Leland is free from hour 14, two hours past the window: never proposed.
    expect(plan.affected[0]).toMatchObject({ proposal: null, callPatient: true, urgent: true, latest: careBy });
    expect(plan.affected[0]!.why).toMatch(/^No slot found: call the patient: nothing free by .* E[SD]T \(clinic\), the window of the disposition it was booked for$/);
    expect(plan.notify[0]!.message).toMatch(/We will call you to find a new time/);
  });

  it('mass reschedule days are the clinic\'s days: picked as dates, read in its zone (not the workstation\'s)', async () => {
    h = await schedulingHarness();
    const offers = (await h.service.search(search('pat-1', { preferences: { providerId: 'role-kim' } }))).value.offers;
    const kim = offers.find((o) => o.visits[0]!.providerId === 'role-kim')!;
    const result = (await h.service.book(booking((await h.service.hold('pat-1', kim.offerId)).holdId), { role: 'agent' })).value;
    if (result.outcome !== 'booked') throw new Error(result.outcome);
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(kim.visits[0]!.start);
    // from/to say nothing useful (they would be the workstation's midnight): the days decide.
    const request = { scope: { kind: 'provider' as const, providerId: 'role-kim' }, from: 1, to: 2, reason: 'Provider out sick', days: { first: day, last: day } };
    const plan = (await h.service.massReschedulePlan(request, { role: 'supervisor' })).value;
    expect(plan.affected.map((a) => a.appointment.id)).toEqual([result.appointmentId]);
    // Whatever is proposed is not that clinic day with the absent provider.
    for (const a of plan.affected) {
      const next = a.proposal?.visits[0];
      if (next) expect(next.providerId === 'role-kim' && new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(next.start) === day).toBe(false);
    }
  });

  it('reschedules: books the new slot, then cancels the old appointment and frees its slot', async () => {
    h = await schedulingHarness();
    const first = (await h.service.search(search())).value.offers[0]!;
    const hold = await h.service.hold('pat-1', first.offerId);
    const old = (await h.service.book(booking(hold.holdId), { role: 'agent' })).value;
    if (old.outcome !== 'booked') throw new Error(old.outcome);
    const next = (await h.service.search(search())).value.offers.find((o) => o.offerId !== first.offerId)!;
    const newHold = await h.service.hold('pat-1', next.offerId);
    const moved = (await h.service.reschedule({ appointmentId: old.appointmentId, patientId: 'pat-1', holdId: newHold.holdId, reason: 'Needs a later time', idempotencyKey: randomUUID() }, { role: 'agent' })).value;
    expect(moved.outcome).toBe('booked');
    if (moved.outcome !== 'booked') return;
    expect((await h.fhir.read<Appointment>('Appointment', old.appointmentId)).status).toBe('cancelled');
    expect((await h.fhir.read<Slot>('Slot', first.visits[0]!.slotIds[0]!)).status).toBe('free');
    expect((await h.fhir.read<Appointment>('Appointment', moved.appointmentId)).status).toBe('booked');
  });

  it('reschedule with the EHR down after the hold: the cancel waits for the new booking and survives a restart', async () => {
    h = await schedulingHarness({ submitWaitMs: 300 });
    const first = (await h.service.search(search())).value.offers[0]!;
    const old = (await h.service.book(booking((await h.service.hold('pat-1', first.offerId)).holdId), { role: 'agent' })).value;
    if (old.outcome !== 'booked') throw new Error(old.outcome);
    const next = (await h.service.search(search())).value.offers.find((o) => o.offerId !== first.offerId)!;
    const newHold = await h.service.hold('pat-1', next.offerId);
    h.server!.setOutage(true);
    const key = randomUUID();
    const moved = (await h.service.reschedule({ appointmentId: old.appointmentId, patientId: 'pat-1', holdId: newHold.holdId, reason: 'Needs a later time', idempotencyKey: key }, { role: 'agent' })).value;
    expect(moved.outcome).toBe('queued');
    // Both wait in the outbox: the new booking, and the cancel of the old visit behind it.
    expect(h.store.unsent().map((i) => i.label.split(' · ')[0]).sort()).toEqual(['Appointment', 'Appointment cancellation']);

    // Careline restarts before the EHR is back: a new outbox over the same store resumes both.
    await h.outbox.dispose();
    const resumed = new DocumentationOutbox(h.fhir, h.store, createMemoryLogger(), { baseMs: 50, maxMs: 400, jitter: 0.2 }, Date.now, { deliverers: schedulingDeliverers() });
    h.server!.setOutage(false);
    resumed.start();
    try {
      await expect.poll(async () => (await h!.fhir.read<Appointment>('Appointment', old.appointmentId)).status, { timeout: 20_000 }).toBe('cancelled');
      const replacement = await h.fhir.search<Appointment>('Appointment', { identifier: `${SCHEDULING_IDENTIFIER_SYSTEMS.appointment}|${appointmentIdentifier(key, 0)}` });
      expect(replacement.map((a) => a.status)).toEqual(['booked']);
      expect((await h.fhir.read<Slot>('Slot', first.visits[0]!.slotIds[0]!)).status).toBe('free');
    } finally {
      await resumed.dispose();
    }
  }, 30_000);

  it("keeps the old visit when the reschedule's new slot went to someone else", async () => {
    h = await schedulingHarness();
    const first = (await h.service.search(search())).value.offers[0]!;
    const old = (await h.service.book(booking((await h.service.hold('pat-1', first.offerId)).holdId), { role: 'agent' })).value;
    if (old.outcome !== 'booked') throw new Error(old.outcome);
    const next = (await h.service.search(search())).value.offers.find((o) => o.offerId !== first.offerId)!;
    const slotId = next.visits[0]!.slotIds[0]!;
    // The cancel of a reschedule whose booking never landed: its new slot is now someone else's.
    const slot = await h.fhir.read<Slot>('Slot', slotId);
    await h.fhir.transaction({ resourceType: 'Bundle', type: 'transaction', entry: [{ resource: { ...slot, status: 'busy' }, request: { method: 'PUT', url: `Slot/${slotId}` } }] });
    const bundle = buildCancelBundle({
      idempotencyKey: randomUUID(),
      appointmentId: old.appointmentId,
      patientId: 'pat-1',
      reason: 'Rescheduled: later',
      after: { appointmentIdentifier: appointmentIdentifier(randomUUID(), 0), slotIds: [slotId], holdId: null },
    });
    await expect(new CancelDeliverer().deliver(bundle, h.fhir, AbortSignal.timeout(5_000))).rejects.toMatchObject({ code: BOOKING_FAILURES.replacementFailed });
    expect((await h.fhir.read<Appointment>('Appointment', old.appointmentId)).status).toBe('booked');
    // While the new slot is still free (held by us), the cancel waits instead.
    const pending = buildCancelBundle({ idempotencyKey: randomUUID(), appointmentId: old.appointmentId, patientId: 'pat-1', reason: 'x', after: { appointmentIdentifier: 'none', slotIds: [first.visits[0]!.slotIds[0]!], holdId: null } });
    await h.fhir.transaction({ resourceType: 'Bundle', type: 'transaction', entry: [{ resource: { ...(await h.fhir.read<Slot>('Slot', first.visits[0]!.slotIds[0]!)), status: 'free' }, request: { method: 'PUT', url: `Slot/${first.visits[0]!.slotIds[0]!}` } }] });
    await expect(new CancelDeliverer().deliver(pending, h.fhir, AbortSignal.timeout(5_000))).rejects.toBeInstanceOf(DeferredDeliveryError);
  });

  it('EHR down while booking: queued (kept, not confirmed), listed as pending, then booked once it is back', async () => {
    h = await schedulingHarness({ submitWaitMs: 500 });
    const top = (await h.service.search(search())).value.offers[0]!;
    const hold = await h.service.hold('pat-1', top.offerId);
    h.server!.setOutage(true);
    const request = booking(hold.holdId);
    const queued = (await h.service.book(request, { role: 'agent' })).value;
    expect(queued).toMatchObject({ outcome: 'queued', reason: expect.stringMatching(/not available|try again/) });
    h.server!.setOutage(false);
    // The EHR asked to wait 5 s (Retry-After): meanwhile the booking is listed as pending.
    const pending = (await h.service.appointments('pat-1')).value.filter((a) => a.pending);
    expect(pending).toEqual([expect.objectContaining({ status: 'pending', providerName: top.visits[0]!.providerName, start: top.visits[0]!.start })]);
    await h.outbox.retry(request.idempotencyKey);
    expect(h.outbox.status(request.idempotencyKey)?.item.state).toBe('sent');
    const after = (await h.service.book(request, { role: 'agent' })).value;
    expect(after.outcome).toBe('booked');
    expect((await h.service.appointments('pat-1')).value.filter((a) => a.status === 'booked')).toHaveLength(1);
  });
});
