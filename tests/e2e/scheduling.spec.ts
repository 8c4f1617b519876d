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

test('a nurse books the visit the disposition calls for, and it shows in the chart', async ({ page }) => {
  const ws = new WorkstationPage(page);
  const scheduling = new SchedulingPage(page);
  await page.goto(demo.host().url);
  await ws.signInAs('Jordan Lee');

  const { phone, patient, name } = await findCaller(fhir, 'adult', { minMembers: 1 });
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

  await scheduling.holdRank(1);
  await scheduling.setReason(VISIT_REASON);
  const { outcome, script } = await scheduling.book();
  expect(outcome).toBe('booked');
  expect(script.length).toBeGreaterThan(20);

  await scheduling.backToDisposition();
  await ws.document();
  await expect(ws.byTestId('wrap-up-code-scheduled')).toBeChecked();
  await page.keyboard.press('Control+Enter');
  await expect(ws.byTestId('call-state')).toHaveAttribute('data-state', 'noCall');

  // The chart (still on screen after the call) lists the new appointment, no longer pending.
  await expect(scheduling.chartAppointments().first()).toBeVisible();
  await expect(scheduling.chartAppointments().first()).toHaveAttribute('data-pending', 'false');
  await page.screenshot({ path: 'test-results/e2e/scheduling.png', fullPage: true });

  // The EHR has exactly one Appointment for the patient with the reason the nurse typed.
  const bundle = await fhir<Bundle<Appointment>>(`Appointment?patient=Patient/${patient.id}`);
  const ours = (bundle.entry ?? []).map((e) => e.resource!).filter((a) => a.description === VISIT_REASON);
  expect(ours).toHaveLength(1);
  expect(ours[0]!.status).toBe('booked');
});
