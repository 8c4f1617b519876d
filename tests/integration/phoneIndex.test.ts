import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScreenPop } from '../../src-preload/contract';
import { type InProcessWebHost, startInProcessWebHost } from '../support/inProcessWebHost';
import { WsTestClient, unwrap } from '../support/wsClient';

// The phone index over the real main services and the demo EHR: a caller on a number the EHR does not have
// (a new mobile) is found by name + birth date the first time; once the agent wraps up with that patient, the
// next call from the same number pops the patient on ring — even while the EHR is down (patient cache).
let web: InProcessWebHost;

beforeAll(async () => {
  web = await startInProcessWebHost({ patients: 120, seed: 11 });
});

afterAll(async () => {
  await web?.stop();
});

describe('phone index', () => {
  it('learns a new number from a verified call and pops the patient on the next call from it', async () => {
    const client = await WsTestClient.connect(web.host.origin, web.host.token);
    try {
      unwrap(await client.invoke('session.signIn', { userId: 'nurse-jordan' }));
      const patient = unwrap(await client.invoke('demoLine.options', {})).callers[0]!;
      const newMobile = '+16175559876'; // on no chart in the synthetic population
      const ring = async () => {
        const call = unwrap(await client.invoke('demoLine.ring', { callerPhone: newMobile, dnis: '+16175550100', ivrDigit: '2' }));
        const pop = await client.waitForEvent<ScreenPop>('call.screenPop', (p) => p.callId === call.callId);
        return { call, pop };
      };

      const first = await ring();
      expect(first.pop.candidates).toEqual([]);
      unwrap(await client.invoke('call.answer', { callId: first.call.callId }));
      unwrap(await client.invoke('call.wrapUp', { callId: first.call.callId, code: 'resolved', patientId: patient.patientId }));

      const second = await ring();
      expect(second.pop.candidates.map((c) => c.id)).toEqual([patient.patientId]);
      unwrap(await client.invoke('call.answer', { callId: second.call.callId }));
      unwrap(await client.invoke('call.wrapUp', { callId: second.call.callId, code: 'resolved', patientId: patient.patientId }));

      // The EHR goes down: the same caller still pops, from the encrypted patient cache, and the pop says so.
      unwrap(await client.invoke('demoEhr.setOutage', { outage: true }));
      const third = await ring();
      expect(third.pop.candidates.map((c) => c.id)).toEqual([patient.patientId]);
      expect(third.pop.error).toMatch(/EHR cannot be reached: these details were saved on this workstation/);
      unwrap(await client.invoke('demoEhr.setOutage', { outage: false }));
    } finally {
      client.close();
    }
  });
});
