import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, expect, test } from '@playwright/test';
import type { CallLogEntry } from '../../src-preload/contract';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../playwright.config';
import { type SipLab, startSipLab } from '../support/sipLab';
import { type WebHostProcess, startWebHostProcess } from '../support/webHostProcess';
import { WsTestClient } from '../support/wsClient';
import { WorkstationPage } from './pages/workstationPage';

/**
 * Real calls between real renderers: three workstations (three web hosts, each with its own main services and
 * SIP softphone) register on the SIP lab (Kamailio on 127.0.0.1), and their pages in Chromium do the WebRTC
 * media with fake microphones. Agent A calls agent B from the dial field; B answers with Alt+A; audio flows
 * both ways; A holds and resumes from the phone bar; B transfers A to C from the transfer dialog (blind, by
 * the directory); A follows the REFER and talks to C.
 */
test.use({ launchOptions: { executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'] } });
test.setTimeout(180_000);

interface Desk {
  readonly user: string;
  readonly host: WebHostProcess;
  readonly context: BrowserContext;
  readonly ws: WorkstationPage;
  readonly client: WsTestClient;
}

let lab: SipLab;
let configDir: string;
const desks: Desk[] = [];

test.beforeAll(async () => {
  lab = await startSipLab();
  configDir = mkdtempSync(join(tmpdir(), 'careline-e2e-sip-'));
});

test.afterAll(async () => {
  for (const desk of desks.splice(0)) {
    desk.client.close();
    await desk.context.close().catch(() => undefined);
    await desk.host.stop();
  }
  await lab?.stop();
  rmSync(configDir, { recursive: true, force: true });
});

async function openDesk(browser: Browser, user: string, signInAs: string): Promise<Desk> {
  const configPath = join(configDir, `${user}.json`);
  writeFileSync(
    configPath,
    JSON.stringify({
      ehr: { kind: 'demo', patients: 40, seed: 7 },
      telephony: {
        kind: 'sip',
        server: lab.wsUrl,
        aor: `sip:${user}@${lab.domain}`,
        displayName: user,
        directory: [{ id: 'desk-c', label: 'Scheduling desk (Casey)', kind: 'agent', target: `sip:agentc@${lab.domain}` }],
      },
    }),
  );
  const host = await startWebHostProcess({ configPath, env: { CARELINE_SIP_PASSWORD: lab.password } });
  const context = await browser.newContext({ permissions: ['microphone'] });
  const page = await context.newPage();
  const ws = new WorkstationPage(page);
  await page.goto(host.url);
  await ws.signInAs(signInAs);
  await expect(ws.byTestId('phone-registration')).toHaveAttribute('data-registration', 'registered', { timeout: 20_000 });
  const client = await WsTestClient.connect(host.origin, host.token);
  const desk = { user, host, context, ws, client };
  desks.push(desk);
  return desk;
}

/** Audio as the renderer measured it (getStats, reported to main every 5 s): packets received on this call. */
async function packetsReceived(desk: Desk, callId: string): Promise<number> {
  const result = await desk.client.invoke('callLog.list', {});
  if (!result.ok) throw new Error(result.error.message);
  const entry = result.value.find((e: CallLogEntry) => e.callId === callId);
  return entry?.quality?.packetsReceived ?? 0;
}

test('two agents call each other through Kamailio with audio both ways; hold, resume and a transfer from the UI', async ({ browser }) => {
  const a = await openDesk(browser, 'agenta', 'Alex Rivera');
  const b = await openDesk(browser, 'agentb', 'Jordan Lee');
  const c = await openDesk(browser, 'agentc', 'Sam Patel');

  // A dials B from the phone bar.
  await a.ws.byTestId('dial-target').fill('agentb');
  await a.ws.byTestId('dial-target').press('Enter');
  await expect(b.ws.byTestId('call-state')).toHaveAttribute('data-state', 'ringing');
  await expect(b.ws.byTestId('call-caller-number')).toContainText('agenta');
  await b.ws.page.keyboard.press('Alt+A');
  await expect(b.ws.byTestId('call-state')).toHaveAttribute('data-state', 'connected');
  const aFocused = a.ws.byTestId('phone-focused');
  await expect(aFocused).toHaveAttribute('data-state', 'active');
  const aCallId = (await aFocused.getAttribute('data-call-id'))!;
  const bCallId = (await b.ws.byTestId('phone-focused').getAttribute('data-call-id'))!;

  // Audio flows both ways (fake microphones; packets counted by each renderer's getStats).
  await expect.poll(() => packetsReceived(a, aCallId), { timeout: 20_000 }).toBeGreaterThan(0);
  await expect.poll(() => packetsReceived(b, bCallId), { timeout: 20_000 }).toBeGreaterThan(0);

  // Hold and resume from A's phone bar (re-INVITEs through Kamailio).
  await a.ws.byTestId('phone-hold').click();
  await expect(aFocused).toHaveAttribute('data-held', 'true');
  await a.ws.byTestId('phone-hold').click();
  await expect(aFocused).toHaveAttribute('data-held', 'false');

  // B transfers A to C, picking C from the directory: "Transfer now" (blind, REFER).
  await b.ws.byTestId('phone-transfer').click();
  const dialog = b.ws.byTestId('transfer-dialog');
  await dialog.getByTestId('transfer-target').fill('Casey');
  await dialog.getByTestId('transfer-blind').click();
  await expect(b.ws.byTestId('call-state')).toHaveAttribute('data-state', 'ended');

  // A follows the REFER: C rings with A's call, answers, and they talk.
  await expect(c.ws.byTestId('call-state')).toHaveAttribute('data-state', 'ringing');
  await expect(c.ws.byTestId('call-caller-number')).toContainText('agenta');
  await c.ws.page.keyboard.press('Alt+A');
  await expect(c.ws.byTestId('call-state')).toHaveAttribute('data-state', 'connected');
  await expect(aFocused).toContainText('agentc');
  const cCallId = (await c.ws.byTestId('phone-focused').getAttribute('data-call-id'))!;
  await expect.poll(() => packetsReceived(c, cCallId), { timeout: 20_000 }).toBeGreaterThan(0);

  // A hangs up from the phone bar (a call A placed); C sees the far end hang up.
  await a.ws.byTestId('phone-hangup').click();
  await expect(c.ws.byTestId('call-state')).toHaveAttribute('data-state', 'ended');
});
