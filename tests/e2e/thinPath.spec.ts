import type { Bundle, Encounter, QuestionnaireResponse } from '@medplum/fhirtypes';
import { expect, test } from '@playwright/test';
import { disposition, officeHoursAt, ServiceLineCatalog as CatalogSchema } from '../../src-preload/contract';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { REPO_ROOT } from '../support/webHostProcess';
import { findCaller } from './pages/callers';
import { useDemoEnvironment } from './pages/demoEnvironment';
import { WorkstationPage } from './pages/workstationPage';

// The thin path through every layer, driven as a triage nurse would: a demo call rings, the household pops
// on ring, the nurse answers (Alt+A), verifies name + DOB, types what the caller says (the symptom checker
// preselects the protocol and suggests answers from the words), runs the red-flag screen and the fever
// protocol with the keyboard, overrides the disposition with a reason, documents to the EHR (Ctrl+Enter)
// and wraps up. Then the test reads the EHR over FHIR, like any client, to check what was written.
const demo = useDemoEnvironment({ patients: 400, seed: 42 });
const fhir = <T>(path: string) => demo.fhir<T>(path);

const ADULT_LINE = '+16175550100';
const lines = CatalogSchema.parse(JSON.parse(readFileSync(resolve(REPO_ROOT, 'resources/service-lines.json'), 'utf8'))).serviceLines;
const OVERRIDE_REASON = 'Caller sounds short of breath on the phone; wants to be seen sooner';

test('a nurse takes a call from ring to a documented, overridden encounter', async ({ page }) => {
  const ws = new WorkstationPage(page);
  await page.goto(demo.host().url);
  await ws.signInAs('Jordan Lee');

  const { phone, members, patient, name } = await findCaller(fhir, 'adult', { minMembers: 2 });

  await ws.ringDemoCall({ callerPhone: phone, dnis: ADULT_LINE, ivrDigit: '2' });
  expect(await ws.callState()).toBe('ringing');
  // The screen pop starts on ring: every member of the household is a candidate before anyone answers.
  await expect(ws.byTestId('candidate-row')).toHaveCount(members.length);
  await expect(ws.byTestId('call-service-line')).toContainText('Adult Primary Care');

  await page.keyboard.press('Alt+A');
  await expect(ws.byTestId('call-state')).toHaveAttribute('data-state', 'connected');

  await ws.verifyAndUse(name, patient.birthDate!);
  // No protocol picked by hand: the checker's top suggestion (Fever, because "fever") is kept.
  await ws.giveReason({ callTypeId: 'symptoms', reason: 'Fever for four days, tired' });
  await expect(ws.byTestId('interview-inputs')).toBeVisible();

  const { asked, confirmed } = await ws.answerInterview((q) => /more than 3 days/i.test(q));
  expect(asked.length).toBeGreaterThan(3);
  // "for four days" answered the duration question; Enter confirmed it.
  expect(confirmed).toEqual([expect.stringMatching(/more than 3 days/i)]);

  // The fever protocol branches on office hours: compute what the clinic's hours say right now.
  const line = lines.find((l) => l.id === 'adult-primary-care')!;
  const afterHours = !officeHoursAt(line.hours, line.timeZone, new Date()).open;
  const expected = afterHours ? 'seen-today-or-tomorrow' : 'seen-today';
  const card = ws.byTestId('disposition-card');
  await expect(card).toHaveAttribute('data-disposition-id', expected);
  await expect(ws.byTestId('disposition-because')).toContainText('more than 3 days');
  // Nurses see care advice.
  await expect(ws.byTestId('care-advice')).toBeVisible();

  const overridden = 'seen-within-4-hours';
  await ws.overrideDisposition(disposition(overridden).label, OVERRIDE_REASON);
  await expect(card).toHaveAttribute('data-disposition-id', overridden);
  await expect(ws.byTestId('disposition-override')).toContainText(`Overridden from ${disposition(expected).label} to ${disposition(overridden).label} by nurse`);

  const encounterId = await ws.document();
  // "Be seen within 4 hours" and no visit booked on this call: wrap-up asks why (no "Resolved" suggested).
  await expect(ws.byTestId('no-visit-reason')).toBeVisible();
  await expect(ws.byTestId('wrap-up-code-resolved')).not.toBeChecked();
  await ws.finishCall({ noVisit: 'will-call-back' });

  // The chart pane shows the new encounter with the final (overridden) disposition.
  const rows = ws.byTestId('chart-encounter-row');
  await expect(rows.filter({ hasText: disposition(overridden).label })).toHaveCount(1);
  await page.screenshot({ path: 'test-results/e2e/thin-path.png', fullPage: true });

  // Read back from the EHR over FHIR: the Encounter and the QuestionnaireResponse exist for this patient.
  const encounters = await fhir<Bundle<Encounter>>(`Encounter?subject=Patient/${patient.id}`);
  const encounter = encounters.entry?.map((e) => e.resource!).find((e) => e.identifier?.some((i) => i.system === 'urn:careline:encounter'));
  expect(encounter).toBeDefined();
  expect(encounterId).toContain(encounter!.id!);
  expect(encounter!.subject?.reference).toBe(`Patient/${patient.id}`);
  expect(encounter!.participant?.[0]?.individual?.display).toContain('Jordan Lee, RN');
  expect(encounter!.extension?.[0]?.valueCoding?.code).toBe(overridden);
  const responses = await fhir<Bundle<QuestionnaireResponse>>(`QuestionnaireResponse?subject=Patient/${patient.id}`);
  const qr = responses.entry?.map((e) => e.resource!).find((r) => r.encounter?.reference === `Encounter/${encounter!.id}`);
  expect(qr, 'QuestionnaireResponse linked to the encounter').toBeDefined();
  const dispositionAnswer = qr!.item?.find((i) => i.linkId === 'disposition')?.answer?.[0];
  expect(dispositionAnswer?.valueCoding?.code).toBe(overridden);
  const details = new Map(dispositionAnswer?.item?.map((i) => [i.linkId, i.answer?.[0]]));
  expect(details.get('disposition/engine')?.valueCoding?.code).toBe(expected);
  expect(details.get('disposition/override-reason')?.valueString).toBe(OVERRIDE_REASON);
  const protocolItems = qr!.item?.filter((i) => /^(red-flags|fever)\//.test(i.linkId)) ?? [];
  expect(protocolItems.length).toBeGreaterThanOrEqual(asked.length);
  const yes = protocolItems.filter((i) => i.answer?.[0]?.valueBoolean === true);
  expect(yes.map((i) => i.text)).toEqual([expect.stringMatching(/more than 3 days/i)]);
  // The confirmed suggestion is charted as coming from the caller's words.
  expect(JSON.stringify(yes[0]?.answer?.[0]?.item ?? [])).toContain("from the caller's words, confirmed");
  expect(qr!.item?.find((i) => i.linkId === 'hours')?.answer?.[0]?.valueString).toMatch(afterHours ? /^after hours/ : /^office hours/);
  // Care advice not confirmed as given: no Communication.
  const comms = await fhir<Bundle>(`Communication?subject=Patient/${patient.id}`);
  expect(comms.entry ?? []).toHaveLength(0);
});
