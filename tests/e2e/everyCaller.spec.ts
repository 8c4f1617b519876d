import type { Bundle, Encounter, Patient, QuestionnaireResponse, RelatedPerson } from '@medplum/fhirtypes';
import { expect, test } from '@playwright/test';
import { findCaller } from './pages/callers';
import { useDemoEnvironment } from './pages/demoEnvironment';
import { WorkstationPage, setDemoEhrOutage } from './pages/workstationPage';

// Every caller is triaged: a caller with no chart (unknown number, someone else's call, the EHR down) gets the
// same red-flag screen and protocol from what is entered on the spot, and the encounter lands in the EHR with a
// new Patient (exactly once). The test reads the EHR over FHIR, like any client, to check what was written.
const demo = useDemoEnvironment({ patients: 400, seed: 23 });
const fhir = <T>(path: string) => demo.fhir<T>(path);
const ADULT_LINE = '+16175550100';
const called: string[] = [];

/** The Patients Careline created (client identifier) with this family name. */
async function createdPatients(family: string): Promise<Patient[]> {
  const found = await fhir<Bundle<Patient>>(`Patient?family=${encodeURIComponent(family)}`);
  return (found.entry ?? []).map((e) => e.resource!).filter((p) => p.identifier?.some((i) => i.system === 'urn:careline:patient'));
}

async function oursFor<T extends Encounter | QuestionnaireResponse>(type: string, patientId: string, system: string): Promise<T[]> {
  const bundle = await fhir<Bundle<T>>(`${type}?subject=Patient/${patientId}`);
  return (bundle.entry ?? []).map((e) => e.resource!).filter((r) => JSON.stringify(r.identifier ?? null).includes(system));
}

test('an unknown caller is triaged by a nurse; the encounter lands in the EHR with a new Patient and the caller', async ({ page }) => {
  const ws = new WorkstationPage(page);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(demo.host().url);
  await ws.signInAs('Jordan Lee');

  const phone = await ws.unknownCallerPhone();
  await ws.ringDemoCall({ callerPhone: phone, dnis: ADULT_LINE, ivrDigit: '2' });
  await expect(ws.byTestId('screen-pop-match')).toHaveText('No match');
  await page.keyboard.press('Alt+A');
  await expect(ws.byTestId('call-state')).toHaveAttribute('data-state', 'connected');

  // A husband calls about his wife, who has never been seen here.
  await ws.triageWithoutChart({
    given: 'Zephyrine',
    family: 'Quillfeather',
    age: 34,
    sex: 'female',
    pregnant: 'no',
    address: '40 Harbor Rd, Quincy MA',
    caller: { relationship: 'other', name: 'Rowan Quillfeather' },
  });
  await expect(ws.byTestId('caller-summary')).toContainText('Rowan Quillfeather (not the patient)');
  await ws.giveReason({ callTypeId: 'symptoms', reason: 'Fever for four days, tired' });
  await expect(ws.byTestId('interview-inputs')).toBeVisible();
  const { asked } = await ws.answerInterview(() => false);
  // The red-flag screen ran first, then the symptom protocol, for the age and sex entered.
  expect(asked.length).toBeGreaterThan(3);
  await expect(ws.byTestId('disposition-card')).toBeVisible();
  await page.screenshot({ path: 'test-results/e2e/every-caller-disposition.png' });
  const encounterId = await ws.document();
  await ws.finishCall();

  const [patient, ...more] = await createdPatients('Quillfeather');
  expect(more, 'one Patient created').toHaveLength(0);
  expect(patient).toMatchObject({ gender: 'female', name: [{ family: 'Quillfeather', given: ['Zephyrine'] }], telecom: [{ value: phone }], address: [{ text: '40 Harbor Rd, Quincy MA' }] });
  expect(patient!.birthDate, 'no birth date invented from an age').toBeUndefined();
  const [encounter, ...otherEncounters] = await oursFor<Encounter>('Encounter', patient!.id!, 'urn:careline:encounter');
  expect(otherEncounters).toHaveLength(0);
  expect(encounterId).toContain(encounter!.id!);
  const informant = encounter!.participant?.find((p) => p.type?.[0]?.coding?.[0]?.code === 'INF');
  const related = await fhir<RelatedPerson>(informant!.individual!.reference!);
  expect(related).toMatchObject({ patient: { reference: `Patient/${patient!.id}` }, name: [{ text: 'Rowan Quillfeather' }], telecom: [{ value: phone }] });
  const [qr] = await oursFor<QuestionnaireResponse>('QuestionnaireResponse', patient!.id!, 'urn:careline:questionnaire-response');
  const items = new Map(qr!.item?.map((i) => [i.linkId, i]));
  expect(items.get('identity-verified')?.answer?.[0]?.valueBoolean).toBe(false);
  expect(items.get('stated-age')?.answer?.[0]?.valueInteger).toBe(34);
  expect(items.get('caller')?.answer?.[0]?.valueString).toBe('Someone else: Rowan Quillfeather');
  expect(qr!.item?.some((i) => i.linkId.startsWith('red-flags/'))).toBe(true);
});

test('a repeat caller during an EHR outage pops from the local cache (in memory on the web host), labelled as such, and is verified as usual', async ({ page }) => {
  const ws = new WorkstationPage(page);
  await page.goto(demo.host().url);
  await ws.signInAs('Jordan Lee');
  const caller = await findCaller(fhir, 'adult');
  called.push(...caller.members.map((m) => m.id!));

  // A first call while the EHR is up: the pop and the chart shown teach the phone index and the cache.
  await ws.ringDemoCall({ callerPhone: caller.phone, dnis: ADULT_LINE, ivrDigit: '2' });
  await ws.candidate(caller.name).click();
  await expect(ws.byTestId('chart-banner')).toContainText(caller.patient.name![0]!.family!);
  await page.keyboard.press('Alt+A');
  await ws.byTestId('skip-identification').click();
  await ws.finishCall();

  await setDemoEhrOutage(ws, true);
  await ws.ringDemoCall({ callerPhone: caller.phone, dnis: ADULT_LINE, ivrDigit: '2' });
  await expect(ws.candidate(caller.name)).toBeVisible();
  await expect(ws.byTestId('screen-pop-ehr-down')).toContainText('saved on this workstation');
  await expect(ws.byTestId('screen-pop-match')).toContainText('cached · EHR down');
  await page.keyboard.press('Alt+A');
  await ws.verifyAndUse(caller.name, caller.patient.birthDate!);
  await ws.byTestId('change-patient').click();
  await ws.byTestId('skip-identification').click();
  await setDemoEhrOutage(ws, false);
  await ws.finishCall();
});

test('triage during an EHR outage: the pop says the EHR is down, the nurse triages, the documentation lands once when it is back', async ({ page }) => {
  const ws = new WorkstationPage(page);
  await page.goto(demo.host().url);
  await ws.signInAs('Jordan Lee');
  // Someone this workstation has never seen: nothing cached for the number.
  const caller = await findCaller(fhir, 'adult', { skip: called });

  await setDemoEhrOutage(ws, true);
  await ws.ringDemoCall({ callerPhone: caller.phone, dnis: ADULT_LINE, ivrDigit: '2' });
  const down = ws.byTestId('screen-pop-ehr-down');
  await expect(down).toContainText('The EHR cannot be reached');
  await expect(down).toContainText('Unreachable since');
  await expect(ws.byTestId('screen-pop-match')).toHaveText('EHR unreachable');
  await expect(page.getByText('No patient on file')).toHaveCount(0);
  await page.keyboard.press('Alt+A');
  await page.screenshot({ path: 'test-results/e2e/every-caller-outage-pop.png' });

  await ws.triageWithoutChart({ given: 'Marisol', family: 'Ebbertsworth', age: 52, sex: 'female', pregnant: 'no' });
  await ws.giveReason({ callTypeId: 'symptoms', reason: 'Fever for four days, tired' });
  await ws.answerInterview(() => false);
  await expect(ws.byTestId('disposition-card')).toBeVisible();
  await page.keyboard.press('Control+Enter');
  const result = ws.byTestId('document-result');
  await expect(result).toHaveAttribute('data-outcome', 'queued');
  await expect(ws.byTestId('status-outbox')).toHaveAttribute('data-pending', '1');

  await setDemoEhrOutage(ws, false);
  await ws.byTestId('status-outbox').click();
  const retry = ws.byTestId('outbox-retry');
  // The background retry may win the race; either way the item must reach the EHR.
  if (await retry.isVisible()) await retry.click().catch(() => undefined);
  await expect(ws.byTestId('status-outbox')).toHaveAttribute('data-pending', '0', { timeout: 30_000 });

  const [patient, ...more] = await createdPatients('Ebbertsworth');
  expect(patient, 'the new Patient reached the EHR').toBeDefined();
  expect(more, 'exactly once').toHaveLength(0);
  expect(await oursFor<Encounter>('Encounter', patient!.id!, 'urn:careline:encounter')).toHaveLength(1);
  await ws.finishCall();
});
