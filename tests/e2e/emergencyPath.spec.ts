import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Bundle, Encounter } from '@medplum/fhirtypes';
import { type Browser, type BrowserContext, expect, test } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../playwright.config';
import { type SipLab, sipp, startSipLab } from '../support/sipLab';
import { type WebHostProcess, startWebHostProcess } from '../support/webHostProcess';
import { findCaller } from './pages/callers';
import { WorkstationPage } from './pages/workstationPage';

/**
 * Emergencies first (issue 12), on a real phone line: a caller (a second workstation whose SIP user is a synthetic
 * patient's home number, so the screen pop finds the household) reaches an agent's desk through Kamailio. The agent
 * answers (Alt+A) and opens the emergency path (Alt+E) before anyone is verified: the 911 script, the household's
 * address from the chart and the callback number are on screen. Alt+C connects to 911 — the directory's emergency
 * entry, here the default "911" — while the caller waits on hold; Kamailio routes it to a sipp "PSAP" registered as
 * 911, which rings until the agent goes back to the caller (the INVITE reached it; no media is negotiated with a
 * plain-RTP peer: real sites reach their E911 trunk through an SBC). Three keystrokes from ring.
 */
test.use({ launchOptions: { executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'] } });
test.setTimeout(120_000);

let lab: SipLab;
let configDir: string;
const hosts: WebHostProcess[] = [];

test.beforeAll(async () => {
  lab = await startSipLab();
  configDir = mkdtempSync(join(tmpdir(), 'careline-e2e-911-'));
});

test.afterAll(async () => {
  for (const host of hosts.splice(0)) await host.stop();
  await lab?.stop();
  rmSync(configDir, { recursive: true, force: true });
});

async function startDesk(user: string): Promise<WebHostProcess> {
  const configPath = join(configDir, `${hosts.length}.json`);
  writeFileSync(
    configPath,
    JSON.stringify({
      ehr: { kind: 'demo', patients: 60, seed: 9 },
      telephony: { kind: 'sip', server: lab.wsUrl, aor: `sip:${user}@${lab.domain}`, displayName: user },
    }),
  );
  const host = await startWebHostProcess({ configPath, env: { CARELINE_SIP_PASSWORD: lab.password } });
  hosts.push(host);
  return host;
}

async function openDesk(browser: Browser, host: WebHostProcess, signInAs: string): Promise<{ ws: WorkstationPage; context: BrowserContext }> {
  const context = await browser.newContext({ permissions: ['microphone'], viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  const ws = new WorkstationPage(page);
  await page.goto(host.url);
  await ws.signInAs(signInAs);
  await expect(ws.byTestId('phone-registration')).toHaveAttribute('data-registration', 'registered', { timeout: 20_000 });
  return { ws, context };
}

test('an agent reaches the 911 script with the address in two keys from answer and connects the call to 911 through Kamailio', async ({ browser }) => {
  const agentHost = await startDesk('agent911');
  const fhir = async <T,>(path: string): Promise<T> => (await (await fetch(`${agentHost.fhirBaseUrl}/${path}`)).json()) as T;
  const caller = await findCaller(fhir, 'older-adult');
  const address = caller.patient.address![0]!;
  const digits = caller.phone.replace(/\D/g, '');
  const e164 = digits.length === 10 ? `+1${digits}` : `+${digits}`;
  const { ws, context } = await openDesk(browser, agentHost, 'Alex Rivera');
  const page = ws.page;
  const callerDesk = await openDesk(browser, await startDesk(e164), 'Sam Patel');

  const psap = await sipp(lab, { scenario: 'uas-ring-cancel.xml', localUser: '911', calls: 1, timeoutS: 60 });
  await callerDesk.ws.byTestId('dial-target').fill('agent911');
  await callerDesk.ws.byTestId('dial-target').press('Enter');

  await expect(ws.byTestId('call-state')).toHaveAttribute('data-state', 'ringing', { timeout: 15_000 });
  const keys: string[] = [];
  const press = async (key: string) => {
    keys.push(key);
    await page.keyboard.press(key);
  };
  await press('Alt+A');
  await expect(ws.byTestId('call-state')).toHaveAttribute('data-state', 'connected');
  await press('Alt+E');
  await expect(ws.byTestId('emergency-pane')).toBeVisible();
  await expect(ws.byTestId('emergency-script')).toContainText('call 911 now');
  await expect(ws.byTestId('emergency-chart-address')).toContainText(address.city!);
  await expect(ws.byTestId('emergency-callback')).toContainText(digits.slice(-4));
  await expect(ws.byTestId('emergency-pane')).toBeInViewport();

  await press('Alt+C');
  await expect(ws.byTestId('emergency-connected')).toBeVisible();
  // The caller waits on hold while 911 rings (the INVITE went through Kamailio to the PSAP registered as 911).
  await expect(ws.byTestId('phone-consultation')).toBeVisible({ timeout: 15_000 });
  await expect(ws.byTestId('phone-consultation')).toContainText('Caller on hold while you consult 911');
  expect(keys).toEqual(['Alt+A', 'Alt+E', 'Alt+C']);

  // Back to the caller (the 911 leg is cancelled). The emergency is handled: identity now, then it is documented.
  await page.keyboard.press('Alt+G');
  await expect(ws.byTestId('phone-consultation')).toHaveCount(0);
  await page.keyboard.press('Control+Enter');
  await expect(ws.byTestId('emergency-verify-to-document')).toBeVisible();
  await ws.verifyAndUse(caller.name, caller.patient.birthDate!);
  await expect(ws.byTestId('wrap-up')).toBeVisible();
  await expect(ws.byTestId('document-result')).toBeVisible();
  await expect(ws.byTestId('wrap-up-code').getByRole('radio', { name: 'Escalated to 911' })).toBeChecked();
  await page.keyboard.press('Control+Enter');
  await expect(ws.byTestId('call-state')).not.toHaveAttribute('data-state', 'connected');

  await expect(callerDesk.ws.byTestId('phone-focused')).toHaveCount(0);

  // In the EHR: one Careline encounter for the patient, disposition "Call 911", with why and the address.
  const encounters = await fhir<Bundle<Encounter>>(`Encounter?subject=Patient/${caller.patient.id}`);
  const ours = (encounters.entry ?? []).map((e) => e.resource!).filter((e) => e.identifier?.some((i) => i.system === 'urn:careline:encounter'));
  expect(ours).toHaveLength(1);
  expect(ours[0]!.extension?.[0]?.valueCoding?.code).toBe('call-911');
  const psapResult = await psap.done;
  expect(psapResult.exitCode, psapResult.stderr.slice(-2000)).toBe(0);
  await context.close();
  await callerDesk.context.close();
});
