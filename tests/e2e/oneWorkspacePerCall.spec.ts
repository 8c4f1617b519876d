import { expect, test } from '@playwright/test';
import { twoAdultHouseholds } from './pages/callers';
import { useDemoEnvironment } from './pages/demoEnvironment';
import { nurseDeskAt1280 } from './pages/workstationPage';

// One call, one workspace (issue 12): a nurse verifies a caller and starts the interview, then the call drops
// before wrap-up. The next call rings: its own screen pops (the dropped call's patient is nowhere on screen),
// Alt+A answers it, and the first call's unfinished interview waits in its own workspace (Alt+Q) with its answers.
const demo = useDemoEnvironment({ patients: 300, seed: 12 });
const fhir = <T>(path: string) => demo.fhir<T>(path);
const ADULT_LINE = '+16175550100';

test('a dropped call leaves its work as a draft; the next call pops its own screen and is answered with Alt+A', async ({ page }) => {
  const ws = await nurseDeskAt1280(page, demo.host().url);
  const [first, second] = await twoAdultHouseholds(fhir);

  await ws.ringDemoCall({ callerPhone: first.phone, dnis: ADULT_LINE, ivrDigit: '2' });
  await page.keyboard.press('Alt+A');
  await expect(ws.byTestId('call-state')).toHaveAttribute('data-state', 'connected');
  await ws.verifyAndUse(first.name, first.patient.birthDate!);
  await expect(ws.byTestId('call-patient')).toHaveText(first.name);
  await ws.giveReason({ callTypeId: 'symptoms', reason: 'Fever for two days' });
  const question = ws.byTestId('interview-question');
  await expect(question).toBeVisible();
  const firstQuestion = (await question.innerText()).trim();
  await page.keyboard.press('n');
  await expect(async () => expect((await question.innerText()).trim()).not.toBe(firstQuestion)).toPass({ timeout: 5_000 });
  const resumeAt = (await question.innerText()).trim();

  // The call drops before wrap-up; the nurse goes Ready (as after-call work expiring would do).
  await page.keyboard.press('Alt+H');
  await expect(ws.byTestId('call-state')).toHaveAttribute('data-state', 'ended');
  await expect(ws.byTestId('agent-state')).toHaveAttribute('data-state', 'after-call-work');
  await page.keyboard.press('Alt+R');
  await expect(ws.byTestId('agent-state')).toHaveAttribute('data-state', 'available');

  await ws.ringDemoCall({ callerPhone: second.phone, dnis: ADULT_LINE, ivrDigit: '2' });
  // Its own screen pop, on ring: the second household, nothing of the first caller anywhere on screen.
  await expect(ws.byTestId('candidate-row')).toHaveCount(second.members.length);
  await expect(ws.byTestId('call-patient')).toHaveText('Not verified');
  await expect(ws.byTestId('workspace-switcher')).toHaveText(/1 other call/);
  const body = page.locator('body');
  for (const member of first.members) {
    const name = `${member.name![0]!.given!.join(' ')} ${member.name![0]!.family}`;
    await expect(body).not.toContainText(name);
  }
  await expect(body).not.toContainText(resumeAt);

  await page.keyboard.press('Alt+A');
  await expect(ws.byTestId('call-state')).toHaveAttribute('data-state', 'connected');
  await ws.verifyAndUse(second.name, second.patient.birthDate!);
  await expect(ws.byTestId('call-patient')).toHaveText(second.name);

  // Alt+Q: back to the first call's workspace, its interview where it was, its patient in the header.
  await page.keyboard.press('Alt+Q');
  await expect(ws.byTestId('call-patient')).toHaveText(first.name);
  await expect(question).toHaveText(resumeAt);
  await expect(ws.byTestId('call-state')).toHaveAttribute('data-state', 'ended');
  await expect(body).not.toContainText(second.name);
  // And forward again to the live caller.
  await page.keyboard.press('Alt+Q');
  await expect(ws.byTestId('call-patient')).toHaveText(second.name);
  await expect(ws.byTestId('call-state')).toHaveAttribute('data-state', 'connected');
});
