import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallInfo, DocumentEncounterRequest, ScreenPop } from '../../src-preload/contract';
import type { MainServices } from '../../src-main/bootstrap';
import { CONTENT_SECURITY_POLICY } from '../../src-main/security/contentSecurityPolicy';
import type { WebHost } from '../../src-main/web-host/WebHost';
import { type InProcessWebHost, startInProcessWebHost } from '../support/inProcessWebHost';
import { WsTestClient, unwrap } from '../support/wsClient';

// The web host with the real main services and the embedded demo EHR (over real HTTP on loopback).
let web: InProcessWebHost;
let services: MainServices;
let host: WebHost;
let logger: InProcessWebHost['logger'];

beforeAll(async () => {
  web = await startInProcessWebHost({ patients: 300, seed: 7 });
  ({ services, host, logger } = web);
});

afterAll(async () => {
  await web?.stop();
});

async function fhirCount(type: string, identifier: string): Promise<number> {
  const res = await fetch(`${services.demo!.ehr.baseUrl}/${type}?identifier=${encodeURIComponent(identifier)}`);
  const bundle = (await res.json()) as { entry?: unknown[] };
  return bundle.entry?.length ?? 0;
}

function documentation(patientId: string, callId: string | null, overrides: Partial<DocumentEncounterRequest> = {}): DocumentEncounterRequest {
  const now = Date.now();
  return {
    draftId: randomUUID(),
    callId,
    patientId,
    serviceLineId: 'adult-primary-care',
    callTypeId: 'symptoms',
    reasonForCall: 'Fever since yesterday',
    identityVerifiedBy: 'name-and-birth-date',
    interview: {
      protocols: [
        { id: 'red-flags', version: '0.1.0', title: 'Red-flag screen' },
        { id: 'fever', version: '0.1.0', title: 'Fever' },
      ],
      ageBand: 'adult',
      afterHours: false,
      hoursBecause: 'open: hours Mon 08:00-17:00, now Mon 10:00 America/New_York',
      answers: [
        { protocolId: 'red-flags', questionId: 'not-breathing', text: 'Not breathing?', answer: 'no', source: 'asked', answeredAt: now - 5000 },
        { protocolId: 'fever', questionId: 'fever-3-days', text: 'Fever more than 3 days?', answer: 'yes', source: 'asked', answeredAt: now - 1000 },
      ],
      disposition: { id: 'seen-today', because: "Yes to 'Fever more than 3 days?'" },
    },
    careAdvice: null,
    startedAt: now - 60_000,
    endedAt: now,
    ...overrides,
  };
}

describe('web host transport', () => {
  it('serves the renderer with the CSP and security headers', async () => {
    const res = await fetch(`${host.origin}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toContain('Careline test');
  });

  it('listens on loopback only', () => {
    expect(new URL(host.origin).hostname).toBe('127.0.0.1');
  });

  it('refuses a socket without the token, with a wrong token, or from another origin', async () => {
    await expect(WsTestClient.connect(host.origin, 'not-the-token')).rejects.toThrow(/401/);
    await expect(WsTestClient.connect(host.origin, '')).rejects.toThrow(/401/);
    await expect(WsTestClient.connect(host.origin, host.token, 'https://evil.example')).rejects.toThrow(/403/);
    expect(logger.lines.some((l) => l.includes('web-host.refused'))).toBe(true);
  });

  it('answers unknown channels and bad payloads with typed errors, logging no payload values', async () => {
    const client = await WsTestClient.connect(host.origin, host.token);
    try {
      const unknown = await client.invokeRaw('fs.readFile', { path: '/etc/passwd' });
      expect(unknown).toEqual({ ok: false, error: expect.objectContaining({ code: 'unknown-channel' }) });
      const bad = await client.invokeRaw('patient.search', { family: 'Zzyzx-Secret', birthDate: '31/12/1980' });
      expect(bad).toEqual({ ok: false, error: expect.objectContaining({ code: 'invalid-payload' }) });
      const extra = await client.invokeRaw('session.signIn', { userId: 'agent-alex', role: 'nurse' });
      expect(extra).toEqual({ ok: false, error: expect.objectContaining({ code: 'invalid-payload' }) });
      expect(logger.lines.join('\n')).not.toContain('Zzyzx-Secret');
      expect(logger.lines.join('\n')).not.toContain('31/12/1980');
    } finally {
      client.close();
    }
  });

  it('closes a socket that sends something that is not a Careline frame', async () => {
    const client = await WsTestClient.connect(host.origin, host.token);
    const closed = new Promise<number>((r) => client.socket.once('close', (code) => r(code)));
    client.socket.send('this is not json');
    expect(await closed).toBe(1007);
  });
});

describe('the thin path through main, over the web host', () => {
  it('rings, pops the household on ring, documents exactly once, and keeps documentation through an EHR outage', async () => {
    const client = await WsTestClient.connect(host.origin, host.token);
    try {
      expect((await client.invoke('serviceLine.list', {})).ok).toBe(false); // not signed in yet
      unwrap(await client.invoke('session.signIn', { userId: 'agent-alex' }));
      const status = unwrap(await client.invoke('env.status', {}));
      expect(status.mode).toBe('demo');
      expect(status.host).toBe('web-host');

      const options = unwrap(await client.invoke('demoLine.options', {}));
      const charted = options.callers.filter((c): c is typeof c & { patientId: string } => c.patientId !== null);
      const household = charted.find((c) => /household/.test(c.label)) ?? charted[0]!;
      const call = unwrap(await client.invoke('demoLine.ring', { callerPhone: household.phone, dnis: '+16175550100', ivrDigit: '2' }));
      expect(call.state).toBe('ringing');
      expect(call.dialed.serviceLineId).toBe('adult-primary-care');
      expect(call.ivrChoice?.label).toMatch(/nurse/i);

      const incoming = await client.waitForEvent<CallInfo>('call.incoming', (c) => c.callId === call.callId);
      expect(incoming.from.e164).toBe(household.phone);
      const pop = await client.waitForEvent<ScreenPop>('call.screenPop', (p) => p.callId === call.callId);
      expect(pop.matchedBy).toBe('phone');
      expect(pop.candidates.length).toBeGreaterThanOrEqual(1);
      expect(pop.candidates.every((c) => c.phones.includes(household.phone))).toBe(true);
      expect(pop.candidates.map((c) => c.id)).toContain(household.patientId);

      const answered = unwrap(await client.invoke('call.answer', { callId: call.callId }));
      expect(answered.state).toBe('active');

      // An agent may not give care advice: main refuses it whatever the UI does.
      const advice = await client.invoke('encounter.document', {
        ...documentation(household.patientId, call.callId),
        careAdvice: [{ id: 'fluids', title: 'Fluids', text: 'Drink plenty of fluids.' }],
      });
      expect(advice).toEqual({ ok: false, error: expect.objectContaining({ code: 'not-permitted' }) });

      const request = documentation(household.patientId, call.callId);
      const written = unwrap(await client.invoke('encounter.document', request));
      expect(written).toMatchObject({ outcome: 'written' });
      // Replaying the same documentation (a retry after a lost answer) never makes a second copy.
      const replay = unwrap(await client.invoke('encounter.document', request));
      expect(replay.outcome).toBe('written');
      expect(await fhirCount('Encounter', `urn:careline:encounter|${request.draftId}`)).toBe(1);
      expect(await fhirCount('QuestionnaireResponse', `urn:careline:questionnaire-response|${request.draftId}`)).toBe(1);

      const chart = unwrap(await client.invoke('patient.chart', { patientId: household.patientId }));
      const documented = chart.encounters.find((e) => written.outcome === 'written' && e.id === written.encounterId);
      expect(documented?.disposition).toBe('Be seen today');
      expect(documented?.performer).toContain('Alex Rivera');

      // The EHR goes down: the documentation is kept, the agent is told why, and it lands once when it is back.
      unwrap(await client.invoke('demoEhr.setOutage', { outage: true }));
      const during = documentation(household.patientId, call.callId);
      const queued = unwrap(await client.invoke('encounter.document', during));
      expect(queued.outcome).toBe('queued');
      if (queued.outcome === 'queued') expect(queued.reason).toMatch(/EHR/);
      const outbox = unwrap(await client.invoke('outbox.list', {}));
      expect(outbox.find((i) => i.id === during.draftId)?.state).toBe('pending');

      unwrap(await client.invoke('demoEhr.setOutage', { outage: false }));
      const retried = unwrap(await client.invoke('outbox.retry', { id: during.draftId }));
      expect(retried.state).toBe('sent');
      expect(await fhirCount('Encounter', `urn:careline:encounter|${during.draftId}`)).toBe(1);

      // Wrap-up ends the call and records the code with who set it (from main's session, not the renderer).
      const wrapped = unwrap(await client.invoke('call.wrapUp', { callId: call.callId, code: 'resolved', patientId: household.patientId }));
      expect(wrapped).toMatchObject({ state: 'ended', wrapUp: { code: 'resolved', userId: 'agent-alex', patientId: household.patientId } });
      const again = await client.invoke('call.wrapUp', { callId: call.callId, code: 'no-action', patientId: null });
      expect(again).toEqual({ ok: false, error: expect.objectContaining({ code: 'conflict' }) });

      // Wrap-up ends after-call work: the agent is available again, and the call is in the log with its code.
      expect(unwrap(await client.invoke('agent.state', {})).state).toBe('available');
      const logged = unwrap(await client.invoke('callLog.list', {}));
      expect(logged[0]).toMatchObject({ callId: call.callId, direction: 'inbound', wrapUpCode: 'resolved', patientId: household.patientId });
      // Away: the next call is not offered (486 to the queue), and the demo ring says why.
      unwrap(await client.invoke('agent.setState', { state: 'away', awayReason: 'Break' }));
      const refused = await client.invoke('demoLine.ring', { callerPhone: household.phone });
      expect(refused).toEqual({ ok: false, error: expect.objectContaining({ code: 'conflict', message: expect.stringMatching(/not offered/) }) });
      expect(unwrap(await client.invoke('agent.setState', { state: 'available' })).state).toBe('available');
    } finally {
      client.close();
    }
  });

  it('searches by family name and date of birth when the phone gives nothing', async () => {
    const client = await WsTestClient.connect(host.origin, host.token);
    try {
      unwrap(await client.invoke('session.signIn', { userId: 'nurse-jordan' }));
      const options = unwrap(await client.invoke('demoLine.options', {}));
      const chart = unwrap(await client.invoke('patient.chart', { patientId: options.callers.find((c) => c.patientId !== null)!.patientId! }));
      const found = unwrap(
        await client.invoke('patient.search', { family: chart.patient.family, birthDate: chart.patient.birthDate! }),
      );
      expect(found.map((p) => p.id)).toContain(chart.patient.id);

      const unknownCaller = unwrap(await client.invoke('demoLine.ring', { callerPhone: 'anonymous' }));
      const pop = await client.waitForEvent<ScreenPop>('call.screenPop', (p) => p.callId === unknownCaller.callId);
      expect(pop.matchedBy).toBe('none');
      expect(pop.error).toMatch(/name and date of birth/);
    } finally {
      client.close();
    }
  });
});
