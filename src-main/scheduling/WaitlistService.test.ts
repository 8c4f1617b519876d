import { randomUUID } from 'node:crypto';
import type { Slot } from '@medplum/fhirtypes';
import { afterEach, describe, expect, it } from 'vitest';
import type { WaitlistEntry } from '../../src-preload/contract';
import { createMemoryLogger } from '../log/logger';
import { fixtureRules } from './fhir/testing/schedulingFixture';
import { type SchedulingHarness, schedulingHarness } from './testing/schedulingHarness';
import { WaitlistService } from './WaitlistService';
import { MemoryWaitlistStore } from './WaitlistStore';

let h: SchedulingHarness | undefined;
let waitlist: WaitlistService | undefined;
afterEach(async () => {
  waitlist?.dispose();
  await h?.close();
  h = waitlist = undefined;
});

async function setup(now: () => number = Date.now): Promise<{ h: SchedulingHarness; waitlist: WaitlistService; changes: WaitlistEntry[][] }> {
  h = await schedulingHarness();
  const rules = fixtureRules();
  const logger = createMemoryLogger();
  waitlist = new WaitlistService({ fhir: h.fhir, loader: h.loader, scheduling: h.service, store: new MemoryWaitlistStore(), rules: () => rules, logger, now });
  const changes: WaitlistEntry[][] = [];
  waitlist.onChange((e) => changes.push(e));
  return { h, waitlist, changes };
}

/** Books pat-1 into the top offer, so cancelling it frees a slot. */
async function bookOne(h: SchedulingHarness): Promise<{ appointmentId: string; slotId: string }> {
  const top = (await h.service.search({ patientId: 'pat-1', dispositionId: null, visitTypeId: 'sick', preferences: {}, limit: 3 })).value.offers[0]!;
  const hold = await h.service.hold('pat-1', top.offerId);
  const booked = (
    await h.service.book(
      { holdId: hold.holdId, patientId: 'pat-1', idempotencyKey: randomUUID(), reason: 'Checkup', callId: null, dispositionId: null, outsideWindowReason: null, sendConfirmation: false },
      { role: 'agent' },
    )
  ).value;
  if (booked.outcome !== 'booked') throw new Error(booked.outcome);
  return { appointmentId: booked.appointmentId, slotId: top.visits[0]!.slotIds[0]! };
}

describe('WaitlistService', { timeout: 20_000 }, () => {
  it('offers a slot freed by a cancellation to the first waitlisted patient, held for them; booking it marks them booked', async () => {
    const { h, waitlist, changes } = await setup();
    const { appointmentId, slotId } = await bookOne(h);
    const window = { from: Date.now(), to: Date.now() + 3 * 86_400_000 };
    const first = (await waitlist.add({ patientId: 'pat-2', visitTypeId: 'sick', ...window, preferences: {} })).value;
    const second = (await waitlist.add({ patientId: 'pat-3', visitTypeId: 'sick', ...window, preferences: {} })).value;
    expect([first.position, second.position]).toEqual([1, 2]);
    expect(first.patientName).toBe('Sample2 Testperson');

    await h.service.cancel({ appointmentId, patientId: 'pat-1', reason: 'Cannot make it', idempotencyKey: randomUUID() });
    await expect.poll(() => waitlist.list().find((e) => e.id === first.id)?.state, { timeout: 5_000 }).toBe('offered');
    const offered = waitlist.list().find((e) => e.id === first.id)!;
    expect(offered.offer?.offer.visits[0]!.slotIds).toEqual([slotId]);
    expect(waitlist.list().find((e) => e.id === second.id)?.state).toBe('waiting');
    expect((await h.fhir.read<Slot>('Slot', slotId)).status).toBe('busy-tentative');
    expect(changes.length).toBeGreaterThan(0);

    const booked = (
      await h.service.book(
        { holdId: offered.offer!.holdId, patientId: 'pat-2', idempotencyKey: randomUUID(), reason: 'Earlier slot', callId: null, dispositionId: null, outsideWindowReason: null, sendConfirmation: true },
        { role: 'agent' },
      )
    ).value;
    expect(booked.outcome).toBe('booked');
    expect(waitlist.list().map((e) => e.id)).toEqual([second.id]);
  });

  it('when the hold lapses unbooked, releases it and offers the slot to the next patient', async () => {
    let clock = Date.now();
    const { h, waitlist } = await setup(() => clock);
    const { appointmentId, slotId } = await bookOne(h);
    const window = { from: clock, to: clock + 3 * 86_400_000 };
    const first = (await waitlist.add({ patientId: 'pat-2', visitTypeId: 'sick', ...window, preferences: {} })).value;
    const second = (await waitlist.add({ patientId: 'pat-3', visitTypeId: 'sick', ...window, preferences: {} })).value;
    await h.service.cancel({ appointmentId, patientId: 'pat-1', reason: 'Cannot make it', idempotencyKey: randomUUID() });
    await expect.poll(() => waitlist.list().find((e) => e.id === first.id)?.state, { timeout: 5_000 }).toBe('offered');

    clock = waitlist.list().find((e) => e.id === first.id)!.offer!.expiresAt + 1;
    await waitlist.expireOffers();
    const entries = waitlist.list();
    expect(entries.find((e) => e.id === first.id)?.state).toBe('waiting');
    expect(entries.find((e) => e.id === second.id)?.state).toBe('offered');
    expect(entries.find((e) => e.id === second.id)?.offer?.offer.visits[0]!.slotIds).toEqual([slotId]);
  });

  it('removing an offered entry passes its slot to the next', async () => {
    const { h, waitlist } = await setup();
    const { appointmentId } = await bookOne(h);
    const window = { from: Date.now(), to: Date.now() + 3 * 86_400_000 };
    const first = (await waitlist.add({ patientId: 'pat-2', visitTypeId: 'sick', ...window, preferences: {} })).value;
    const second = (await waitlist.add({ patientId: 'pat-3', visitTypeId: 'sick', ...window, preferences: {} })).value;
    await h.service.cancel({ appointmentId, patientId: 'pat-1', reason: 'Cannot make it', idempotencyKey: randomUUID() });
    await expect.poll(() => waitlist.list().map((e) => e.state), { timeout: 5_000 }).toEqual(['offered', 'waiting']);
    await waitlist.remove(first.id);
    expect(waitlist.list().map((e) => [e.id, e.state, e.position])).toEqual([[second.id, 'offered', 1]]);
  });

  it('the periodic re-check holds the best slot in each waiting entry’s window, in order, never one slot for two', async () => {
    const { h, waitlist } = await setup();
    const window = { from: Date.now(), to: Date.now() + 86_400_000 };
    const first = (await waitlist.add({ patientId: 'pat-1', visitTypeId: 'sick', ...window, preferences: {} })).value;
    const second = (await waitlist.add({ patientId: 'pat-2', visitTypeId: 'sick', ...window, preferences: {} })).value;
    await waitlist.recheck();
    const entries = waitlist.list();
    expect(entries.map((e) => [e.id, e.state])).toEqual([
      [first.id, 'offered'],
      [second.id, 'offered'],
    ]);
    const slots = entries.map((e) => e.offer!.offer.visits[0]!.slotIds[0]!);
    expect(new Set(slots).size).toBe(2);
    for (const slot of slots) expect((await h.fhir.read<Slot>('Slot', slot)).status).toBe('busy-tentative');
    // A second pass offers nothing new: both are already offered.
    await waitlist.recheck();
    expect(waitlist.list().map((e) => e.offer!.holdId)).toEqual(entries.map((e) => e.offer!.holdId));
  });
});
