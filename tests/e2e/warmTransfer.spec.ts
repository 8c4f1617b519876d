import type { Bundle, Task } from '@medplum/fhirtypes';
import { expect, test } from '@playwright/test';
import { findCaller } from './pages/callers';
import { packetsReceived, useSipDesks } from './pages/sipDesks';

/**
 * Follow-through of an escalation, end to end over real SIP: three workstations on the SIP lab (Kamailio on
 * 127.0.0.1), each its own web host with its own softphone, their pages in Chromium doing the WebRTC media
 * with fake microphones. The agent's desk runs the demo EHR; the nurse's desk uses that same EHR over FHIR (one
 * EHR per site, as in production). A third desk stands in for the patient's phone.
 *
 * The patient calls the agent; the agent's red-flag screen is all no; Alt+W documents the escalation and
 * calls the nurse queue with the caller on hold. The nurse's desk rings with the escalation already on screen
 * (the INVITE carried only an opaque context id; the nurse's desk read the Task from the EHR): the patient,
 * the reason, the priority, the red-flag answers. The nurse answers, the agent briefs and completes the
 * attended transfer; the patient is now talking to the nurse, whose screen still shows the escalated patient.
 */
const { lab, desks } = useSipDesks();
test.setTimeout(240_000);

test('an escalated call is warm-transferred to the nurse queue, and the nurse desk receives it with its context', async ({ browser }) => {
  const agent = await desks.open(browser, {
    user: 'agenta',
    signInAs: 'Alex Rivera',
    directory: [{ id: 'nurses', label: 'Nurse triage queue', kind: 'nurse-queue', target: `sip:nursen@${lab().domain}` }],
  });
  const ehrBase = agent.host.fhirBaseUrl;
  const fhir = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${ehrBase}/${path}`);
    expect(res.ok, `GET ${path}`).toBe(true);
    return (await res.json()) as T;
  };
  const caller = await findCaller(fhir, 'adult');
  const nurse = await desks.open(browser, { user: 'nursen', signInAs: 'Jordan Lee', ehr: { kind: 'fhir', label: 'Clinic EHR (shared demo)', baseUrl: ehrBase } });
  // The patient's phone: a desk registered under the patient's number, so the agent's screen pop finds them.
  const phone = await desks.open(browser, { user: caller.phone, signInAs: 'Sam Patel' });

  // The patient calls the agent; the agent verifies them and gives the reason.
  await phone.ws.byTestId('dial-target').fill('agenta');
  await phone.ws.byTestId('dial-target').press('Enter');
  await expect(agent.ws.byTestId('call-state')).toHaveAttribute('data-state', 'ringing');
  await expect(agent.ws.candidate(caller.name)).toBeVisible();
  await agent.ws.page.keyboard.press('Alt+A');
  await expect(agent.ws.byTestId('call-state')).toHaveAttribute('data-state', 'connected');
  await agent.ws.verifyAndUse(caller.name, caller.patient.birthDate!);
  // The number dialed (the agent's own extension in the lab) maps to no service line: the agent picks one.
  await agent.ws.byTestId('service-line-select').click();
  await agent.ws.page.getByRole('option', { name: 'Adult Primary Care' }).click();
  await agent.ws.giveReason({ callTypeId: 'symptoms', reason: 'Fever and a stiff neck since this morning' });
  await agent.ws.answerInterview(() => false);
  await expect(agent.ws.byTestId('escalation-pane')).toBeVisible();
  await expect(agent.ws.byTestId('escalation-suggested')).toHaveAttribute('data-priority', 'urgent');

  // One key: document the escalation and call the nurse queue, the caller on hold.
  await expect(agent.ws.byTestId('escalate-warm-transfer')).toBeEnabled();
  await agent.ws.page.keyboard.press('Alt+W');
  const transfer = agent.ws.byTestId('warm-transfer');
  await expect(transfer).toBeVisible();
  await expect(agent.ws.byTestId('phone-focused')).toHaveAttribute('data-state', /dialing|active/);

  // The nurse's desk rings with the escalation on screen before anyone says hello.
  await expect(nurse.ws.byTestId('call-state')).toHaveAttribute('data-state', 'ringing');
  const context = nurse.ws.byTestId('handoff-context');
  await expect(context).toBeVisible();
  await expect(context).toHaveAttribute('data-priority', 'urgent');
  await expect(nurse.ws.byTestId('handoff-patient')).toContainText(caller.name);
  await expect(nurse.ws.byTestId('handoff-reason')).toContainText('stiff neck');
  await expect(nurse.ws.byTestId('handoff-red-flags').locator('li').first()).toContainText('No');
  await expect(context).toContainText('Alex Rivera');
  await expect(nurse.ws.candidate(caller.name)).toBeVisible();
  await expect(transfer).toHaveAttribute('data-phase', 'ringing');
  await nurse.ws.page.screenshot({ path: 'test-results/e2e/warm-transfer-nurse-ringing.png', fullPage: true });

  // The nurse answers; the agent briefs them and completes the transfer (Ctrl+Enter).
  await nurse.ws.page.keyboard.press('Alt+A');
  await expect(nurse.ws.byTestId('call-state')).toHaveAttribute('data-state', 'connected');
  await expect(transfer).toHaveAttribute('data-phase', 'briefing');
  await agent.ws.page.screenshot({ path: 'test-results/e2e/warm-transfer-agent-briefing.png', fullPage: true });
  await agent.ws.page.keyboard.press('Control+Enter');
  await expect(agent.ws.byTestId('wrap-up')).toBeVisible();
  await expect(agent.ws.byTestId('wrap-up-code-transferred')).toBeChecked();
  await expect(agent.ws.byTestId('call-summary-transfer')).toHaveAttribute('data-status', 'transferred');

  // The patient's phone followed the REFER (with Replaces): the nurse now talks to the patient, on the same call.
  const digits = caller.phone.replace(/\D/g, '').slice(-4);
  await expect(nurse.ws.byTestId('call-caller-number')).toContainText(digits);
  const nurseCallId = (await nurse.ws.byTestId('phone-focused').getAttribute('data-call-id'))!;
  await expect.poll(() => packetsReceived(nurse, nurseCallId), { timeout: 20_000 }).toBeGreaterThan(0);
  // The context stays with the call: the nurse verifies the escalated patient as usual.
  await expect(nurse.ws.byTestId('handoff-context')).toBeVisible();
  await nurse.ws.verifyAndUse(caller.name, caller.patient.birthDate!);
  await expect(nurse.ws.byTestId('reason-pane')).toBeVisible();

  // The escalation is in the EHR as a warm-transfer Task for that patient.
  const tasks = await fhir<Bundle<Task>>(`Task?patient=Patient/${caller.patient.id}`);
  const task = tasks.entry?.map((e) => e.resource!).find((t) => t.identifier?.some((i) => i.system === 'urn:careline:task'));
  expect(task?.code?.coding?.[0]?.code).toBe('warm-transfer');
  expect(task?.priority).toBe('asap');

  // The agent's work on the call ends.
  await agent.ws.page.keyboard.press('Control+Enter');
  await expect(agent.ws.byTestId('call-state')).toHaveAttribute('data-state', 'noCall');
});
