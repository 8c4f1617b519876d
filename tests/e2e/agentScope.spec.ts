import type { Bundle, Encounter, QuestionnaireResponse, Task } from '@medplum/fhirtypes';
import { expect, test } from '@playwright/test';
import { findCaller } from './pages/callers';
import { useDemoEnvironment } from './pages/demoEnvironment';
import { WorkstationPage } from './pages/workstationPage';

// Scope of practice, end to end: an agent runs only the red-flag screen. All no -> the call goes to a nurse
// (a nurse callback Task in the EHR, priority from the caller's words); a yes -> the 911 script.
const demo = useDemoEnvironment({ patients: 400, seed: 7 });
const fhir = <T>(path: string) => demo.fhir<T>(path);
const ADULT_LINE = '+16175550100';
const called: string[] = [];

async function startCall(ws: WorkstationPage, reason: string) {
  const caller = await findCaller(fhir, 'adult', { skip: called });
  called.push(caller.patient.id!);
  await ws.ringDemoCall({ callerPhone: caller.phone, dnis: ADULT_LINE, ivrDigit: '2' });
  await expect(ws.candidate(caller.name)).toBeVisible();
  await ws.page.keyboard.press('Alt+A');
  await ws.verifyAndUse(caller.name, caller.patient.birthDate!);
  await ws.giveReason({ callTypeId: 'symptoms', reason });
  return caller;
}

test('an agent with a clear red-flag screen escalates to a nurse callback, written as a Task', async ({ page }) => {
  const ws = new WorkstationPage(page);
  await page.goto(demo.host().url);
  await ws.signInAs('Alex Rivera');
  const { patient } = await startCall(ws, 'Fever and a stiff neck since this morning');

  const { asked } = await ws.answerInterview(() => false);
  await expect(ws.byTestId('escalation-pane')).toBeVisible();
  // Only red-flag questions were asked; no care advice, no disposition.
  expect(asked.length).toBeGreaterThan(3);
  await expect(ws.byTestId('care-advice')).toHaveCount(0);
  await expect(ws.byTestId('disposition-card')).toHaveCount(0);
  // "stiff neck" touches an emergency question of the fever protocol: urgent is suggested.
  await expect(ws.byTestId('escalation-suggested')).toHaveAttribute('data-priority', 'urgent');
  await expect(ws.byTestId('escalation-route')).toBeFocused();
  await page.keyboard.press('1'); // nurse callback
  await page.screenshot({ path: 'test-results/e2e/agent-escalation.png', fullPage: true });

  await ws.document();
  await ws.finishCall();

  const tasks = await fhir<Bundle<Task>>(`Task?patient=Patient/${patient.id}`);
  const task = tasks.entry?.map((e) => e.resource!).find((t) => t.identifier?.some((i) => i.system === 'urn:careline:task'));
  expect(task, 'nurse callback Task').toBeDefined();
  expect(task!.code?.coding?.[0]?.code).toBe('nurse-callback');
  expect(task!.priority).toBe('asap');
  expect(task!.for?.reference).toBe(`Patient/${patient.id}`);
  const encounters = await fhir<Bundle<Encounter>>(`Encounter?subject=Patient/${patient.id}`);
  const encounter = encounters.entry?.map((e) => e.resource!).find((e) => e.identifier?.some((i) => i.system === 'urn:careline:encounter'));
  expect(task!.encounter?.reference).toBe(`Encounter/${encounter!.id}`);
  const responses = await fhir<Bundle<QuestionnaireResponse>>(`QuestionnaireResponse?subject=Patient/${patient.id}`);
  const qr = responses.entry?.map((e) => e.resource!).find((r) => r.encounter?.reference === `Encounter/${encounter!.id}`);
  expect(qr!.item?.some((i) => i.linkId.startsWith('fever/'))).toBe(false);
  expect(qr!.item?.find((i) => i.linkId === 'escalation')?.answer?.[0]?.valueCoding?.code).toBe('nurse-callback');
});

test('an agent whose caller is not breathing gets the 911 script', async ({ page }) => {
  const ws = new WorkstationPage(page);
  await page.goto(demo.host().url);
  await ws.signInAs('Alex Rivera');
  await startCall(ws, 'Fever, and now he is not breathing');

  // The words raised the red flag: shown on the question, never answered for the agent.
  await expect(ws.byTestId('interview-raised-red-flag')).toBeVisible();
  await ws.answerInterview((q) => /not breathing/i.test(q));
  await expect(ws.byTestId('disposition-card')).toHaveAttribute('data-disposition-id', 'call-911');
  await expect(ws.byTestId('script-911')).toContainText('call 911 now');
  await page.screenshot({ path: 'test-results/e2e/agent-911.png', fullPage: true });
  await ws.document();
  await ws.finishCall();
});
