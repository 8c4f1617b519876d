import type { Appointment, Bundle } from '@medplum/fhirtypes';
import { expect, test } from '@playwright/test';
import { disposition } from '../../src-preload/contract';
import { findCaller } from './pages/callers';
import { useDemoEnvironment } from './pages/demoEnvironment';
import { SchedulingPage } from './pages/SchedulingPage';
import { WorkstationPage } from './pages/workstationPage';

// Issue 6 end to end: disposition -> schedule -> book -> the appointment in the chart, through the web host and
// the demo EHR. A nurse takes a demo call, runs the fever protocol, sets the disposition to "seen within 2
// weeks" (with a reason: the window then always holds weekday clinic slots, whatever day the test runs), books
// the top offer with the keyboard, documents, and checks the chart and the EHR.
const demo = useDemoEnvironment({ patients: 400, seed: 42 });
const fhir = <T>(path: string) => demo.fhir<T>(path);

const ADULT_LINE = '+16175550100';
const OVERRIDE_REASON = 'Fever already settling on paracetamol; caller can only come in next week';
const VISIT_REASON = 'Fever for four days, tired; follow-up visit per triage';
const CHANGE_REASON = 'Caller cannot make that day; asked for the next offer';
const CANCEL_REASON = 'Feeling better';

/** A nurse's fever call set to "seen within 2 weeks", the top offer booked, documented and finished. */
async function bookFromTriage(ws: WorkstationPage, scheduling: SchedulingPage, skip: readonly string[] = []) {
  const { page } = ws;
  await page.goto(demo.host().url);
  await ws.signInAs('Jordan Lee');

  const { phone, patient, name } = await findCaller(fhir, 'adult', { minMembers: 1, skip });
  await ws.ringDemoCall({ callerPhone: phone, dnis: ADULT_LINE, ivrDigit: '2' });
  await page.keyboard.press('Alt+A');
  await expect(ws.byTestId('call-state')).toHaveAttribute('data-state', 'connected');
  await ws.verifyAndUse(name, patient.birthDate!);
  await ws.giveReason({ callTypeId: 'symptoms', reason: 'Fever for four days, tired' });
  await ws.answerInterview((q) => /more than 3 days/i.test(q));
  await ws.overrideDisposition(disposition('seen-within-2-weeks').label, OVERRIDE_REASON);

  await scheduling.openFromDisposition();
  await expect(scheduling.windowLabel()).toContainText(/within 14 days/i);
  expect(await scheduling.waitForOffers()).toBeGreaterThan(1);
  await expect(scheduling.offers().first().getByTestId('offer-reasons')).not.toBeEmpty();
  // The offer list says the distance limit in force (the demo rules' 80 km default).
  await expect(page.getByTestId('distance-limit')).toContainText('within 80 km of home');

  await scheduling.holdRank(1);
  await scheduling.setReason(VISIT_REASON);
  const booked = await scheduling.book();
  expect(booked.outcome).toBe('booked');
  expect(booked.script.length).toBeGreaterThan(20);

  await scheduling.backToDisposition();
  await ws.document();
  await expect(ws.byTestId('wrap-up-code-scheduled')).toBeChecked();
  await page.keyboard.press('Control+Enter');
  await expect(ws.byTestId('call-state')).toHaveAttribute('data-state', 'noCall');
  return { patient, booked };
}

/** The patient's Appointments in the EHR that this test wrote (by the reason it typed). */
async function appointmentsOf(patientId: string, description: string): Promise<Appointment[]> {
  const bundle = await fhir<Bundle<Appointment>>(`Appointment?patient=Patient/${patientId}`);
  return (bundle.entry ?? []).map((e) => e.resource!).filter((a) => a.description === description);
}

test('a nurse books the visit the disposition calls for, and it shows in the chart', async ({ page }) => {
  const ws = new WorkstationPage(page);
  const scheduling = new SchedulingPage(page);
  const { patient } = await bookFromTriage(ws, scheduling);

  // The chart (still on screen after the call) lists the new appointment, no longer pending.
  await expect(scheduling.chartAppointments().first()).toBeVisible();
  await expect(scheduling.chartAppointments().first()).toHaveAttribute('data-pending', 'false');
  await page.screenshot({ path: 'test-results/e2e/scheduling.png', fullPage: true });

  // The EHR has exactly one Appointment for the patient with the reason the nurse typed.
  const ours = await appointmentsOf(patient.id!, VISIT_REASON);
  expect(ours).toHaveLength(1);
  expect(ours[0]!.status).toBe('booked');
});

// After the call, from the chart that stays: move the booked visit to another offer, then cancel the new one.
test('a booked visit is rescheduled from the chart to another offer, then cancelled', async ({ page }) => {
  const ws = new WorkstationPage(page);
  const scheduling = new SchedulingPage(page);
  // Another caller than the first test's (the EHR is shared by the file's tests), so only this test's visits count.
  const first = await findCaller(fhir, 'adult', { minMembers: 1 });
  const { patient, booked } = await bookFromTriage(ws, scheduling, [first.patient.id!]);
  const row = scheduling.chartAppointment(booked);
  await expect(row).toHaveCount(1);
  await expect(row).toHaveAttribute('data-pending', 'false');
  const [original] = await appointmentsOf(patient.id!, VISIT_REASON);
  expect(original?.status).toBe('booked');

  await scheduling.rescheduleFromChart(row);
  expect(await scheduling.waitForOffers()).toBeGreaterThan(1);
  await scheduling.holdRank(2);
  await scheduling.setChangeReason(CHANGE_REASON);
  const moved = await scheduling.reschedule();
  expect(moved.outcome).toBe('booked');
  expect(moved.script.length).toBeGreaterThan(20);
  expect(`${moved.when} ${moved.provider}`).not.toBe(`${booked.when} ${booked.provider}`);
  await scheduling.closeReschedule();
  await expect(ws.byTestId('workflow-idle')).toBeVisible();

  // The EHR: the old Appointment cancelled with the reason for the change, one new one booked with it.
  await expect.poll(async () => (await fhir<Appointment>(`Appointment/${original!.id}`)).status, { timeout: 15_000 }).toBe('cancelled');
  expect((await fhir<Appointment>(`Appointment/${original!.id}`)).cancelationReason?.text).toBe(`Rescheduled: ${CHANGE_REASON}`);
  const replacements = await appointmentsOf(patient.id!, CHANGE_REASON);
  expect(replacements).toHaveLength(1);
  const replacement = replacements[0]!;
  expect(replacement.status).toBe('booked');

  // The chart: the old row gone, the new one listed; cancel it from there.
  await expect(scheduling.chartAppointment(booked)).toHaveCount(0, { timeout: 15_000 });
  const movedRow = scheduling.chartAppointment(moved);
  await expect(movedRow).toHaveCount(1);
  await scheduling.cancelFromChart(movedRow, CANCEL_REASON);
  await expect(scheduling.chartAppointment(moved)).toHaveCount(0);
  await page.screenshot({ path: 'test-results/e2e/scheduling-reschedule-cancel.png', fullPage: true });

  await expect.poll(async () => (await fhir<Appointment>(`Appointment/${replacement.id}`)).status, { timeout: 15_000 }).toBe('cancelled');
  expect((await fhir<Appointment>(`Appointment/${replacement.id}`)).cancelationReason?.text).toBe(CANCEL_REASON);
  // Exactly the two Appointments this test wrote, both cancelled now: nothing booked twice.
  const ours = [...(await appointmentsOf(patient.id!, VISIT_REASON)), ...(await appointmentsOf(patient.id!, CHANGE_REASON))];
  expect(ours.map((a) => a.status)).toEqual(['cancelled', 'cancelled']);
});
