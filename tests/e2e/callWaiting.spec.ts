import { expect, test } from '@playwright/test';
import { twoAdultHouseholds } from './pages/callers';
import { useDemoEnvironment } from './pages/demoEnvironment';
import { nurseDeskAt1280 } from './pages/workstationPage';

// Call waiting (issue 12): while a nurse talks to a verified caller a second call rings behind, never over the
// first caller's screen; Alt+A answers it with its own screen pop (main holds the first), Alt+Q goes back.
const demo = useDemoEnvironment({ patients: 300, seed: 13 });
const fhir = <T>(path: string) => demo.fhir<T>(path);
const ADULT_LINE = '+16175550100';

test('a second call while talking rings behind the first; Alt+A answers it with its own screen and holds the first', async ({ page }) => {
  const ws = await nurseDeskAt1280(page, demo.host().url);
  const [first, second] = await twoAdultHouseholds(fhir);
  await ws.ringDemoCall({ callerPhone: first.phone, dnis: ADULT_LINE, ivrDigit: '2' });
  await page.keyboard.press('Alt+A');
  await expect(ws.byTestId('call-state')).toHaveAttribute('data-state', 'connected');
  await ws.verifyAndUse(first.name, first.patient.birthDate!);

  // Call waiting: the second caller rings behind; the screen stays with the caller the nurse is talking to.
  await ws.ringDemoCall({ callerPhone: second.phone, dnis: ADULT_LINE, ivrDigit: '2' });
  await expect(ws.byTestId('call-waiting')).toBeVisible();
  await expect(ws.byTestId('call-patient')).toHaveText(first.name);

  await page.keyboard.press('Alt+A');
  await expect(ws.byTestId('call-patient')).toHaveText('Not verified');
  await expect(ws.byTestId('candidate-row')).toHaveCount(second.members.length);
  await expect(ws.byTestId('call-state')).toHaveAttribute('data-state', 'connected');
  await expect(page.locator('body')).not.toContainText(first.name);
  await expect(ws.byTestId('workspace-switcher')).toHaveText(/1 other call/);
  // Main put the first caller on hold when the second was answered.
  await expect(ws.byTestId('phone-held-call')).toHaveCount(1);

  // Back to the first caller's workspace: still verified, on hold behind the second call.
  await page.keyboard.press('Alt+Q');
  await expect(ws.byTestId('call-patient')).toHaveText(first.name);
  await expect(ws.byTestId('verified-patient')).toContainText(first.name);
});
