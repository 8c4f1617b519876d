import type { Bundle, Patient, QuestionnaireResponse, Task } from '@medplum/fhirtypes';
import { expect, test } from '@playwright/test';
import { useDemoEnvironment } from './pages/demoEnvironment';
import { WorkstationPage } from './pages/workstationPage';

// Scope of practice holds for a caller without a chart: an agent runs only the red-flag screen from what was
// entered on the spot, then escalates; the nurse callback Task in the EHR is for the Patient created with it.
// Its own demo environment: the signed-in person lives in main, and this is an agent, not the nurse of
// everyCaller.spec.ts.
const demo = useDemoEnvironment({ patients: 400, seed: 29 });
const fhir = <T>(path: string) => demo.fhir<T>(path);
const ADULT_LINE = '+16175550100';

test('an agent takes a caller without a chart through the red-flag screen and escalates; the Task is for the new Patient', async ({ page }) => {
  const ws = new WorkstationPage(page);
  await page.goto(demo.host().url);
  await ws.signInAs('Alex Rivera');
  await ws.ringDemoCall({ callerPhone: await ws.unknownCallerPhone(), dnis: ADULT_LINE, ivrDigit: '2' });
  await expect(ws.byTestId('screen-pop-match')).toHaveText('No match');
  await page.keyboard.press('Alt+A');
  await expect(ws.byTestId('call-state')).toHaveAttribute('data-state', 'connected');
  await ws.triageWithoutChart({ given: 'Bartholomew', family: 'Wexlerhaven', age: 45, sex: 'male', caller: { relationship: 'caregiver', name: 'Ines Wexlerhaven' } });
  await ws.giveReason({ callTypeId: 'symptoms', reason: 'Fever for four days, tired' });
  const { asked } = await ws.answerInterview(() => false);
  await expect(ws.byTestId('escalation-pane')).toBeVisible();
  expect(asked.length).toBeGreaterThan(3);
  await expect(ws.byTestId('care-advice')).toHaveCount(0);
  await expect(ws.byTestId('escalation-route')).toBeFocused();
  await page.keyboard.press('1'); // nurse callback
  await ws.document();
  await ws.finishCall();

  const found = await fhir<Bundle<Patient>>('Patient?family=Wexlerhaven');
  const [patient, ...more] = (found.entry ?? []).map((e) => e.resource!).filter((p) => p.identifier?.some((i) => i.system === 'urn:careline:patient'));
  expect(more).toHaveLength(0);
  const tasks = await fhir<Bundle<Task>>(`Task?patient=Patient/${patient!.id}`);
  const task = tasks.entry?.map((e) => e.resource!).find((t) => t.identifier?.some((i) => i.system === 'urn:careline:task'));
  expect(task?.code?.coding?.[0]?.code).toBe('nurse-callback');
  const responses = await fhir<Bundle<QuestionnaireResponse>>(`QuestionnaireResponse?subject=Patient/${patient!.id}`);
  const [qr] = (responses.entry ?? []).map((e) => e.resource!);
  expect(qr!.item?.find((i) => i.linkId === 'identity-verified')?.answer?.[0]?.valueBoolean).toBe(false);
  expect(qr!.item?.some((i) => i.linkId.startsWith('fever/'))).toBe(false);
});
