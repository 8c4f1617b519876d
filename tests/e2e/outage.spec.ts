import type { Bundle, Patient } from '@medplum/fhirtypes';
import { expect, test } from '@playwright/test';
import { ageBandOf, ageOn } from '../../src-preload/contract';
import { useDemoEnvironment } from './pages/demoEnvironment';
import { WorkstationPage, setDemoEhrOutage } from './pages/workstationPage';

// A triage nurse documents care advice while the EHR is down: nothing is lost, the nurse sees why, and the
// documentation reaches the EHR exactly once when it is back.
const demo = useDemoEnvironment({ patients: 400, seed: 11 });
const fhir = <T>(path: string) => demo.fhir<T>(path);

test('a nurse documents care advice through an EHR outage; it lands once when the EHR is back', async ({ page }) => {
  const ws = new WorkstationPage(page);
  await page.goto(demo.host().url);
  await ws.signInAs('Jordan Lee');

  const patients = (await fhir<Bundle<Patient>>('Patient?_count=200')).entry?.map((e) => e.resource!) ?? [];
  const child = patients.find((p) => p.birthDate && ageBandOf(ageOn(p.birthDate, new Date())) === 'child')!;
  expect(child, 'a child in the synthetic population').toBeDefined();
  const phone = child.telecom!.find((t) => t.system === 'phone' && t.use === 'home')!.value!;
  const name = `${child.name![0]!.given!.join(' ')} ${child.name![0]!.family}`;

  await ws.ringDemoCall({ callerPhone: phone, dnis: '+16175550101', ivrDigit: '2' });
  await expect(ws.candidate(name)).toBeVisible();
  await page.keyboard.press('Alt+A');
  await ws.verifyAndUse(name, child.birthDate!);
  await ws.giveReason({ callTypeId: 'symptoms', reason: 'Fever since this morning, drinking well', protocolTitle: 'Fever' });
  await ws.answerInterview(() => false);
  await expect(ws.byTestId('disposition-card')).toHaveAttribute('data-disposition-id', 'home-care');

  // Nurses see and give care advice.
  await expect(ws.byTestId('care-advice')).toBeVisible();
  await ws.byTestId('care-advice-given').check();

  await setDemoEhrOutage(ws, true);
  await page.keyboard.press('Control+Enter');
  const result = ws.byTestId('document-result');
  await expect(result).toHaveAttribute('data-outcome', 'queued');
  await expect(result).toContainText('Saved for retry');
  await expect(result).toContainText(/EHR/);
  await expect(ws.byTestId('status-outbox')).toHaveAttribute('data-pending', '1');
  await page.screenshot({ path: 'test-results/e2e/outage-queued.png', fullPage: true });

  await setDemoEhrOutage(ws, false);
  await ws.byTestId('status-outbox').click();
  const retry = ws.byTestId('outbox-retry');
  // The background retry may win the race; either way the item must reach the EHR.
  if (await retry.isVisible()) await retry.click().catch(() => undefined);
  await expect(ws.byTestId('status-outbox')).toHaveAttribute('data-pending', '0', { timeout: 30_000 });

  for (const type of ['Encounter', 'QuestionnaireResponse', 'Communication']) {
    const bundle = await fhir<Bundle>(`${type}?subject=Patient/${child.id}`);
    // Careline's client-assigned identifiers (the demo's own history uses urn:careline:demo:*).
    const ours = (bundle.entry ?? []).filter((e) => /"urn:careline:(encounter|questionnaire-response|communication)"/.test(JSON.stringify(e.resource)));
    expect(ours, `${type} written exactly once`).toHaveLength(1);
  }
  const comm = (await fhir<Bundle>(`Communication?subject=Patient/${child.id}`)).entry![0]!.resource as { sender?: { display?: string }; payload?: unknown[] };
  expect(comm.sender?.display).toContain('Jordan Lee, RN');
  expect(comm.payload?.length).toBeGreaterThan(0);
});
