import type { Bundle, Encounter, Patient, QuestionnaireResponse } from '@medplum/fhirtypes';
import { expect, test } from '@playwright/test';
import { ageBandOf, ageOn, disposition, officeHoursAt, ServiceLineCatalog as CatalogSchema } from '../../src-preload/contract';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { REPO_ROOT } from '../support/webHostProcess';
import { useDemoEnvironment } from './pages/demoEnvironment';
import { WorkstationPage } from './pages/workstationPage';

// The thin path through every layer, driven as an agent would: a demo call rings, the household pops on
// ring, the agent answers (Alt+A), verifies name + DOB, gives the reason, runs the red-flag screen and the
// fever protocol with the keyboard, documents to the EHR (Ctrl+Enter) and wraps up. Then the test reads the
// EHR over FHIR, like any client, to check what was written.
const demo = useDemoEnvironment({ patients: 400, seed: 42 });
const fhir = <T>(path: string) => demo.fhir<T>(path);

const ADULT_LINE = '+16175550100';
const lines = CatalogSchema.parse(JSON.parse(readFileSync(resolve(REPO_ROOT, 'resources/service-lines.json'), 'utf8'))).serviceLines;

test('an agent takes a call from ring to a documented encounter', async ({ page }) => {
  const ws = new WorkstationPage(page);
  await page.goto(demo.host().url);
  await ws.signInAs('Alex Rivera');

  // A household with an adult (18-64) in it, found the way any EHR client would.
  const households = await fhir<Bundle<Patient>>('Patient?_count=200');
  const adults = (households.entry ?? [])
    .map((e) => e.resource!)
    .filter((p) => p.birthDate && ageBandOf(ageOn(p.birthDate, new Date())) === 'adult');
  let caller: { phone: string; members: Patient[]; patient: Patient } | null = null;
  for (const adult of adults) {
    const phone = adult.telecom?.find((t) => t.system === 'phone' && t.use === 'home')?.value;
    if (!phone) continue;
    const members = await fhir<Bundle<Patient>>(`Patient?phone=${encodeURIComponent(phone)}`);
    if ((members.entry?.length ?? 0) >= 2) {
      caller = { phone, members: members.entry!.map((e) => e.resource!), patient: adult };
      break;
    }
  }
  expect(caller, 'a household of two or more with an adult').not.toBeNull();
  const { phone, members, patient } = caller!;
  const name = `${patient.name![0]!.given!.join(' ')} ${patient.name![0]!.family}`;

  await ws.ringDemoCall({ callerPhone: phone, dnis: ADULT_LINE, ivrDigit: '2' });
  expect(await ws.callState()).toBe('ringing');
  // The screen pop starts on ring: every member of the household is a candidate before anyone answers.
  await expect(ws.byTestId('candidate-row')).toHaveCount(members.length);
  await expect(ws.byTestId('call-service-line')).toContainText('Adult Primary Care');

  await page.keyboard.press('Alt+A');
  await expect(ws.byTestId('call-state')).toHaveAttribute('data-state', 'connected');

  await ws.verifyAndUse(name, patient.birthDate!);
  await ws.giveReason({ callTypeId: 'symptoms', reason: 'Fever for four days, tired', protocolTitle: 'Fever' });

  const asked = await ws.answerInterview((q) => /more than 3 days/i.test(q));
  expect(asked.length).toBeGreaterThan(3);

  // The fever protocol branches on office hours: compute what the clinic's hours say right now.
  const line = lines.find((l) => l.id === 'adult-primary-care')!;
  const afterHours = !officeHoursAt(line.hours, line.timeZone, new Date()).open;
  const expected = afterHours ? 'seen-today-or-tomorrow' : 'seen-today';
  const card = ws.byTestId('disposition-card');
  await expect(card).toHaveAttribute('data-disposition-id', expected);
  await expect(ws.byTestId('disposition-because')).toContainText('more than 3 days');
  // Agents never see or give care advice.
  await expect(ws.byTestId('care-advice')).toHaveCount(0);

  await page.keyboard.press('Control+Enter');
  const result = ws.byTestId('document-result');
  await expect(result).toHaveAttribute('data-outcome', 'written');
  const encounterId = (await ws.byTestId('document-encounter-id').innerText()).trim();

  await ws.byTestId('wrap-up-code-resolved').check();
  await page.keyboard.press('Control+Enter');
  await expect(ws.byTestId('call-state')).toHaveAttribute('data-state', 'noCall');

  // The chart pane shows the new encounter.
  const rows = ws.byTestId('chart-encounter-row');
  await expect(rows.filter({ hasText: disposition(expected).label })).toHaveCount(1);
  await page.screenshot({ path: 'test-results/e2e/thin-path.png', fullPage: true });

  // Read back from the EHR over FHIR: the Encounter and the QuestionnaireResponse exist for this patient.
  const encounters = await fhir<Bundle<Encounter>>(`Encounter?subject=Patient/${patient.id}`);
  const encounter = encounters.entry?.map((e) => e.resource!).find((e) => e.identifier?.some((i) => i.system === 'urn:careline:encounter'));
  expect(encounter).toBeDefined();
  expect(encounterId).toContain(encounter!.id!);
  expect(encounter!.subject?.reference).toBe(`Patient/${patient.id}`);
  expect(encounter!.participant?.[0]?.individual?.display).toContain('Alex Rivera');
  const responses = await fhir<Bundle<QuestionnaireResponse>>(`QuestionnaireResponse?subject=Patient/${patient.id}`);
  const qr = responses.entry?.map((e) => e.resource!).find((r) => r.encounter?.reference === `Encounter/${encounter!.id}`);
  expect(qr, 'QuestionnaireResponse linked to the encounter').toBeDefined();
  const dispositionItem = qr!.item?.find((i) => i.linkId === 'disposition');
  expect(dispositionItem?.answer?.[0]?.valueCoding?.code).toBe(expected);
  const protocolItems = qr!.item?.filter((i) => /^(red-flags|fever)\//.test(i.linkId)) ?? [];
  expect(protocolItems.length).toBeGreaterThanOrEqual(asked.length);
  const yes = protocolItems.filter((i) => i.answer?.[0]?.valueBoolean === true).map((i) => i.text);
  expect(yes).toEqual([expect.stringMatching(/more than 3 days/i)]);
  expect(qr!.item?.find((i) => i.linkId === 'hours')?.answer?.[0]?.valueString).toMatch(afterHours ? /^after hours/ : /^office hours/);
  // No care advice from an agent: no Communication.
  const comms = await fhir<Bundle>(`Communication?subject=Patient/${patient.id}`);
  expect(comms.entry ?? []).toHaveLength(0);
});
