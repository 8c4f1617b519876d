import type { Bundle, Encounter } from '@medplum/fhirtypes';
import { expect, test } from '@playwright/test';
import { findCaller } from './pages/callers';
import { useDemoEnvironment } from './pages/demoEnvironment';
import { WorkstationPage } from './pages/workstationPage';

// Nothing documented is lost when the window crashes: a nurse is half-way through a fever interview when the
// page reloads (a renderer crash, a forced refresh). The unfinished documentation is offered on the idle
// screen; Resume brings back the interview with every answer, on the same live call, and it is documented once.
const demo = useDemoEnvironment({ patients: 200, seed: 5 });

test('an interview interrupted by a window reload is resumed and documented exactly once', async ({ page }) => {
  const ws = new WorkstationPage(page);
  await page.goto(demo.host().url);
  await ws.signInAs('Jordan Lee');
  const { phone, patient, name } = await findCaller((p) => demo.fhir(p), 'adult');
  await ws.ringDemoCall({ callerPhone: phone, dnis: '+16175550100', ivrDigit: '2' });
  await page.keyboard.press('Alt+A');
  await expect(ws.byTestId('call-state')).toHaveAttribute('data-state', 'connected');
  await ws.verifyAndUse(name, patient.birthDate!);
  await ws.giveReason({ callTypeId: 'symptoms', reason: 'Fever for two days' });

  // Answer the first two questions, then the window goes away.
  const question = ws.byTestId('interview-question');
  const asked: string[] = [];
  for (let i = 0; i < 2; i += 1) {
    await expect(question).toBeVisible();
    const text = (await question.innerText()).trim();
    asked.push(text);
    await page.keyboard.press('n');
    await expect(async () => expect((await question.innerText()).trim()).not.toBe(text)).toPass({ timeout: 5_000 });
  }
  const third = (await question.innerText()).trim();
  await page.waitForTimeout(600); // the autosave runs 250 ms after a step
  await page.reload();

  const recovered = ws.byTestId('recovered-draft');
  await expect(recovered).toContainText(name);
  await expect(recovered).toContainText('interview in progress');
  await ws.byTestId('resume-draft').click();
  // Back on the third question, on the same call, still connected.
  await expect(question).toHaveText(third);
  await expect(ws.byTestId('call-state')).toHaveAttribute('data-state', 'connected');

  await ws.answerInterview(() => false);
  await expect(ws.byTestId('disposition-card')).toBeVisible();
  await ws.document();
  await ws.finishCall();
  await expect(ws.byTestId('recovered-drafts')).toHaveCount(0);

  const encounters = await demo.fhir<Bundle<Encounter>>(`Encounter?subject=Patient/${patient.id}`);
  const ours = (encounters.entry ?? []).map((e) => e.resource!).filter((e) => e.identifier?.some((i) => i.system === 'urn:careline:encounter'));
  expect(ours).toHaveLength(1);
});
