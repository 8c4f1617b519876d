import type { Bundle, Patient, QuestionnaireResponse, QuestionnaireResponseItem } from '@medplum/fhirtypes';
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ageBandOf, ageOn, localDateIn, officeHoursAt, ServiceLineCatalog as CatalogSchema } from '../../src-preload/contract';
import { instantOfSiteLocal } from '../../src-main/triage/siteLocalTime';
import { REPO_ROOT } from '../support/webHostProcess';
import { findCaller } from './pages/callers';
import { useDemoEnvironment } from './pages/demoEnvironment';
import { WorkstationPage } from './pages/workstationPage';

// The interview hears where and when (issue 12 §6). A nurse takes a call and the reason pane passes where the
// patient is (the caller's answer over the chart address) and the wall-clock time at the site: the demonstration
// protocols then take a location branch (a tick bite where Lyme disease is common) and a time-of-day branch (a
// must-not-miss dose due overnight). The browser's clock is injected (Playwright page.clock), never the real one.
// At the smallest supported window: the added fields must fit there.
test.use({ viewport: { width: 1280, height: 720 } });
const demo = useDemoEnvironment({ patients: 400, seed: 42 });
const fhir = <T>(path: string) => demo.fhir<T>(path);

const ADULT_LINE = '+16175550100';
const line = CatalogSchema.parse(JSON.parse(readFileSync(resolve(REPO_ROOT, 'resources/service-lines.json'), 'utf8'))).serviceLines.find(
  (l) => l.id === 'adult-primary-care',
)!;
const TICK = /tick removed in the last 3 days/i;
const OVERNIGHT = /due before 7 a\.m\./i;

/** The latest instant, not in the future, at which the site's clock reads `hhmm` (so the EHR never sees a future time). */
function lastSiteTime(hhmm: string): Date {
  const now = new Date();
  for (const daysBack of [0, 1]) {
    const day = localDateIn(line.timeZone, new Date(now.getTime() - daysBack * 86_400_000));
    const parsed = instantOfSiteLocal(`${day}T${hhmm}`, line.timeZone);
    if (parsed.ok && parsed.instant.getTime() <= now.getTime()) return parsed.instant;
  }
  throw new Error(`no past ${hhmm} at the site`);
}

/** Signs in, rings the adult line from an adult caller's phone, answers and verifies the patient. */
async function takeAdultCall(page: Page, at: Date, choose: Parameters<typeof findCaller>[2] = {}) {
  await page.clock.install({ time: at });
  const ws = new WorkstationPage(page);
  await page.goto(demo.host().url);
  await ws.signInAs('Jordan Lee');
  const caller = await findCaller(fhir, 'adult', choose);
  // The browser's date decides the age band: the patient must be an adult on the injected day too.
  expect(ageBandOf(ageOn(caller.patient.birthDate!, localDateIn(line.timeZone, at)))).toBe('adult');
  await ws.ringDemoCall({ callerPhone: caller.phone, dnis: ADULT_LINE, ivrDigit: '2' });
  await page.keyboard.press('Alt+A');
  await expect(ws.byTestId('call-state')).toHaveAttribute('data-state', 'connected');
  await ws.verifyAndUse(caller.name, caller.patient.birthDate!);
  return { ws, caller };
}

/** The QuestionnaireResponse items documented for this patient (read over FHIR, as any EHR client would). */
async function chartedItems(patientId: string): Promise<QuestionnaireResponseItem[]> {
  const bundle = await fhir<Bundle<QuestionnaireResponse>>(`QuestionnaireResponse?subject=Patient/${patientId}`);
  return bundle.entry?.flatMap((e) => e.resource?.item ?? []) ?? [];
}
const yesTo = (items: readonly QuestionnaireResponseItem[], question: RegExp) =>
  items.filter((i) => question.test(i.text ?? '') && i.answer?.[0]?.valueBoolean === true);
const textOf = (items: readonly QuestionnaireResponseItem[], linkId: string) => items.find((i) => i.linkId === linkId)?.answer?.[0]?.valueString;

/** Patients already called about in this file: each test documents a new encounter for another patient. */
const called: string[] = [];

test('location: the caller says the patient is in Connecticut, so the Lyme tick-bite question is asked', async ({ page }) => {
  const at = lastSiteTime('10:30');
  const { ws, caller } = await takeAdultCall(page, at, { skip: called });
  called.push(caller.patient.id!);

  await ws.byTestId('call-type-symptoms').check();
  // The pane is prefilled from the chart's home address until the caller says otherwise.
  const home = caller.patient.address?.[0];
  await expect(ws.byTestId('location-state')).toHaveValue(home?.state ?? '');
  await expect(ws.byTestId('location-zip')).toHaveValue(home?.postalCode ?? '');
  await expect(ws.byTestId('location-source')).toHaveText('from the chart address');
  await page.screenshot({ path: 'test-results/e2e/where-when-reason.png' });

  await ws.giveReason({ callTypeId: 'symptoms', reason: 'pulled a tick off my leg after a hike', protocolTitle: 'Bites and stings', where: { state: 'CT', zip: '06103' } });
  await expect(ws.byTestId('interview-input-location')).toHaveText("in CT 06103 (caller's answer)");

  const { asked } = await ws.answerInterview((q) => TICK.test(q));
  expect(asked.filter((q) => TICK.test(q))).toHaveLength(1);
  const afterHours = !officeHoursAt(line.hours, line.timeZone, at).open;
  await expect(ws.byTestId('disposition-card')).toHaveAttribute('data-disposition-id', afterHours ? 'seen-today-or-tomorrow' : 'seen-today');
  await expect(ws.byTestId('disposition-because')).toContainText('within 72 hours of removing the tick');
  await expect(ws.byTestId('care-advice')).toContainText('After a tick bite where Lyme disease is common');

  await ws.document();
  // A visit was called for and none booked on this call: wrap-up asks why.
  await ws.finishCall({ noVisit: 'will-call-back' });
  const charted = await chartedItems(caller.patient.id!);
  expect(yesTo(charted, TICK)).toHaveLength(1);
  expect(textOf(charted, 'patient-location')).toBe("CT 06103 (caller's answer)");
});

test('time of day: at 23:30 at the site the nurse is asked about a dose due before morning', async ({ page }) => {
  const at = lastSiteTime('23:30');
  const { ws, caller } = await takeAdultCall(page, at, { skip: called });
  called.push(caller.patient.id!);

  await ws.giveReason({ callTypeId: 'symptoms', reason: 'question about my insulin, I ran out', protocolTitle: 'Medication question' });
  await expect(ws.byTestId('interview-input-time')).toHaveText('23:30 at the site');
  await page.screenshot({ path: 'test-results/e2e/where-when-interview.png' });
  await expect(ws.byTestId('interview-inputs')).toContainText('after hours');

  const { asked } = await ws.answerInterview((q) => OVERNIGHT.test(q));
  expect(asked.filter((q) => OVERNIGHT.test(q))).toHaveLength(1);
  await expect(ws.byTestId('disposition-card')).toHaveAttribute('data-disposition-id', 'seen-within-4-hours');
  await expect(ws.byTestId('disposition-because')).toContainText('It is night');
  await expect(ws.byTestId('care-advice')).toContainText('A dose due tonight');
  await page.screenshot({ path: 'test-results/e2e/where-when-overnight.png', fullPage: true });

  await ws.document();
  // A visit was called for and none booked on this call: wrap-up asks why.
  await ws.finishCall({ noVisit: 'will-call-back' });
  const charted = await chartedItems(caller.patient.id!);
  expect(yesTo(charted, OVERNIGHT)).toHaveLength(1);
  expect(textOf(charted, 'site-time')).toBe('23:30');
});

test('location from the chart: a patient at home in New York City is also given the NYC Poison Center', async ({ page }) => {
  const at = lastSiteTime('10:30');
  const inNewYorkCity = (p: Patient) => /^1(0[0-4]|1[1-46])/.test(p.address?.[0]?.postalCode ?? '');
  const { ws, caller } = await takeAdultCall(page, at, { skip: called, where: inNewYorkCity });
  called.push(caller.patient.id!);

  await ws.giveReason({ callTypeId: 'symptoms', reason: 'I took too many of my pills by mistake', protocolTitle: 'Poisoning' });
  await expect(ws.byTestId('interview-input-location')).toHaveText(`in NY ${caller.patient.address![0]!.postalCode} (chart address)`);
  await ws.answerInterview((q) => /swallow, breathe in, or get on the skin/i.test(q));
  await expect(ws.byTestId('disposition-card')).toHaveAttribute('data-disposition-id', 'poison-control');
  const advice = ws.byTestId('care-advice');
  await expect(advice).toContainText('1-800-222-1222');
  await expect(advice).toContainText('212-POISONS (212-764-7667)');
  await ws.document();
  await ws.finishCall();
});
