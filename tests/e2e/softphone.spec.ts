import { expect, test } from '@playwright/test';
import { packetsReceived, useSipDesks } from './pages/sipDesks';

/**
 * Real calls between real renderers: three workstations (three web hosts, each with its own main services and
 * SIP softphone) register on the SIP lab (Kamailio on 127.0.0.1), and their pages in Chromium do the WebRTC
 * media with fake microphones. Agent A calls agent B from the dial field; B answers with Alt+A; audio flows
 * both ways; A holds and resumes from the phone bar; B transfers A to C from the transfer dialog (blind, by
 * the directory); A follows the REFER and talks to C.
 */
const { lab, desks } = useSipDesks();
test.setTimeout(180_000);

test('two agents call each other through Kamailio with audio both ways; hold, resume and a transfer from the UI', async ({ browser }) => {
  const directory = [{ id: 'desk-c', label: 'Scheduling desk (Casey)', kind: 'agent' as const, target: `sip:agentc@${lab().domain}` }];
  const a = await desks.open(browser, { user: 'agenta', signInAs: 'Alex Rivera', directory });
  const b = await desks.open(browser, { user: 'agentb', signInAs: 'Jordan Lee', directory });
  const c = await desks.open(browser, { user: 'agentc', signInAs: 'Sam Patel', directory });

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
