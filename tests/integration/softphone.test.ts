import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type LabPhone, eventually, isAnswered, isEnded, isParty, isRegistered, labPhone } from '../support/softphoneHarness';
import { startBaresip } from '../support/baresip';
import { type SipLab, sipp, startSipLab } from '../support/sipLab';

/**
 * The real SipSoftphone (sip.js in Node over WebSocket, plain-RTP media) against the SIP lab: Kamailio on
 * 127.0.0.1 as registrar/proxy, sipp and baresip as the far end, and other Careline softphones as callers and
 * transfer targets. Every process is started here and stopped in afterAll/afterEach.
 */
let lab: SipLab;
const phones: LabPhone[] = [];

beforeAll(async () => {
  lab = await startSipLab();
});
afterEach(async () => {
  await Promise.all(phones.splice(0).map((p) => p.stop().catch(() => undefined)));
});
afterAll(async () => {
  await lab?.stop();
});

async function phone(user: string, options: Parameters<typeof labPhone>[2] = {}): Promise<LabPhone> {
  const p = await labPhone(lab, user, options);
  phones.push(p);
  return p;
}

/** Calls `callee` from `caller` and answers; returns both call ids. */
async function connect(caller: LabPhone, callee: LabPhone, callId: string) {
  await caller.phone.dial(callId, callee.user);
  const incoming = await callee.waitForIncoming();
  await callee.phone.answer(incoming.callId);
  await caller.waitFor(isAnswered(callId), 8000, 'answer');
  return { callerCallId: callId, calleeCallId: incoming.callId };
}

describe('SIP softphone against Kamailio', () => {
  it('registers over WebSocket with digest auth, one REGISTER in flight at a time', async () => {
    const agent = await phone('agent1');
    expect(agent.phone.status).toEqual({ registration: 'registered', message: null });
    expect(agent.phone.wire.maxRegistersInFlight).toBe(1);
    expect(agent.phone.wire.registerDelaysMs.length).toBe(1);
  });

  it('says plainly when the password is wrong, and stays down without retrying in a loop', async () => {
    const agent = await phone('agent2', { start: false, password: 'not-the-password' });
    await expect(agent.phone.start()).rejects.toThrow(/refused the sign-in.*password/);
    expect(agent.phone.status.registration).toBe('failed');
  });

  it('rings on an inbound call from sipp with the caller, the line and the IVR choice, answers, and ends when the caller hangs up', async () => {
    const agent = await phone('agent3');
    const caller = await sipp(lab, { scenario: 'uac-call.xml', target: 'agent3', calls: 1, timeoutS: 20, values: { caller: '+16175550142', ivr: '2' }, extraArgs: ['-d', '1500'] });
    const incoming = await agent.waitForIncoming();
    expect(incoming).toMatchObject({ fromRaw: '+16175550142', ivrDigit: '2' });
    await agent.phone.answer(incoming.callId);
    const ended = await agent.waitFor(isEnded(incoming.callId), 10_000, 'caller hang-up');
    expect(ended.reason).toBe('Caller hung up');
    expect((await caller.done).exitCode).toBe(0);
  });

  it('hangs up an answered inbound call itself (sipp sees our BYE)', async () => {
    const agent = await phone('agent4');
    const caller = await sipp(lab, { scenario: 'uac-call-remote-bye.xml', target: 'agent4', calls: 1, timeoutS: 20 });
    const incoming = await agent.waitForIncoming();
    await agent.phone.answer(incoming.callId);
    await new Promise((r) => setTimeout(r, 300));
    await agent.phone.hangUp(incoming.callId);
    expect((await caller.done).exitCode).toBe(0);
    expect(agent.events.some(isEnded(incoming.callId))).toBe(false); // we ended it: no "caller hung up"
  });

  it('calls a sipp UAS, holds and resumes (re-INVITEs), sends DTMF as SIP INFO, and hangs up', async () => {
    const uas = await sipp(lab, { scenario: 'uas-expect-info.xml', localUser: 'sippuas', calls: 1, timeoutS: 30 });
    const agent = await phone('agent5', { dtmf: 'info' });
    const callId = '5d7d8a3e-1111-4c3b-9a55-000000000001';
    await agent.phone.dial(callId, 'sippuas');
    await agent.waitFor(isAnswered(callId), 8000, 'answer');
    await agent.phone.hold(callId, true);
    await agent.phone.hold(callId, false);
    await agent.phone.sendDtmf(callId, '5');
    await agent.phone.hangUp(callId);
    expect((await uas.done).exitCode).toBe(0);
  });

  it('calls baresip (a real SIP phone): it answers, its audio reaches our media, and it hears our RFC 4733 tones', async () => {
    const bob = await startBaresip(lab, 'bob');
    try {
      const agent = await phone('agent13');
      const callId = '5d7d8a3e-1111-4c3b-9a55-000000000007';
      await agent.phone.dial(callId, 'bob');
      await agent.waitFor(isAnswered(callId), 8000, 'answer from baresip');
      const media = () => agent.media.stats(agent.phone.mediaIdOf(callId)!)!;
      await eventually(() => media().packetsReceived > 10, 3000, 'audio from baresip');
      await agent.phone.sendDtmf(callId, '7#');
      await eventually(() => bob.tonesHeard().join('') === '7#', 3000, 'baresip hearing our tones');
      await agent.phone.hangUp(callId);
    } finally {
      await bob.stop();
    }
  });

  it('sends RFC 4733 DTMF in the media between two softphones, with audio flowing both ways', async () => {
    const a = await phone('agent6');
    const b = await phone('agent7');
    const heard: string[] = [];
    b.media.onDtmf((_mediaId, tone) => heard.push(tone));
    const { callerCallId, calleeCallId } = await connect(a, b, '5d7d8a3e-1111-4c3b-9a55-000000000002');
    await a.phone.sendDtmf(callerCallId, '1#');
    await eventually(() => heard.length === 2, 3000, 'two DTMF tones');
    expect(heard).toEqual(['1', '#']);
    expect(a.media.stats(a.phone.mediaIdOf(callerCallId)!)!.packetsReceived).toBeGreaterThan(0);
    expect(b.media.stats(b.phone.mediaIdOf(calleeCallId)!)!.packetsReceived).toBeGreaterThan(0);
    await a.phone.hangUp(callerCallId);
    await b.waitFor(isEnded(calleeCallId), 5000, 'hang-up');
  });

  it('resolves re-INVITE glare: both ends hold at the same moment, 491, each retries after its RFC 3261 delay', async () => {
    const a = await phone('agent14');
    const b = await phone('agent15');
    const { callerCallId, calleeCallId } = await connect(a, b, '5d7d8a3e-1111-4c3b-9a55-000000000008');
    await new Promise((r) => setTimeout(r, 200)); // the ACK of the answer has arrived
    const started = Date.now();
    await Promise.all([a.phone.hold(callerCallId, true), b.phone.hold(calleeCallId, true)]);
    // The second hold met the first in flight (491) and was sent again after the prescribed delay (0-2 s for the
    // side that did not place the call, 2.1-4 s for the side that did), so both holds completed.
    expect((a.phone.wire.inviteRefusals.get(491) ?? 0) + (b.phone.wire.inviteRefusals.get(491) ?? 0)).toBeGreaterThanOrEqual(1);
    expect(b.events.some(isEnded(calleeCallId))).toBe(false);
    // Both held: no audio either way any more.
    const received = () => [a, b].map((p, i) => p.media.stats(p.phone.mediaIdOf(i === 0 ? callerCallId : calleeCallId)!)!.packetsReceived);
    await new Promise((r) => setTimeout(r, 100));
    const before = received();
    await new Promise((r) => setTimeout(r, 300));
    expect(received()).toEqual(before);
    expect(Date.now() - started).toBeLessThan(9000);
    await a.phone.hangUp(callerCallId);
  });

  it('blind-transfers a caller to another agent (REFER); the caller follows and the transferor leaves', async () => {
    const caller = await phone('caller1');
    const agent = await phone('agent8');
    const nurse = await phone('nurse1');
    const { callerCallId, calleeCallId } = await connect(caller, agent, '5d7d8a3e-1111-4c3b-9a55-000000000003');
    await agent.phone.blindTransfer(calleeCallId, 'nurse1');
    const atNurse = await nurse.waitForIncoming();
    expect(atNurse.fromRaw).toBe('caller1');
    await nurse.phone.answer(atNurse.callId);
    await caller.waitFor(isParty(callerCallId), 8000, 'new party');
    expect(agent.events.find(isEnded(calleeCallId))?.reason).toBe('Transferred');
    await caller.phone.hangUp(callerCallId);
    await nurse.waitFor(isEnded(atNurse.callId), 5000, 'caller hang-up at the nurse');
  });

  it('attended transfer among three user agents: consult, then REFER with Replaces; caller and nurse stay connected', async () => {
    const caller = await phone('caller2');
    const agent = await phone('agent9');
    const nurse = await phone('nurse2');
    const { callerCallId, calleeCallId } = await connect(caller, agent, '5d7d8a3e-1111-4c3b-9a55-000000000004');
    await agent.phone.hold(calleeCallId, true);
    const consultId = '5d7d8a3e-1111-4c3b-9a55-000000000005';
    const { calleeCallId: nurseCallId } = await connect(agent, nurse, consultId);
    await agent.phone.completeTransfer(calleeCallId, consultId);
    // The nurse's call continues under the same id, now with the caller; the caller's continues with the nurse.
    const newParty = await nurse.waitFor(isParty(nurseCallId), 8000, 'replaced party');
    expect(newParty.fromRaw).toBe('caller2');
    await caller.waitFor(isParty(callerCallId), 8000, 'new party at the caller');
    expect(agent.events.filter((e) => e.type === 'ended').map((e) => e.type === 'ended' && e.reason)).toEqual(['Transferred', 'Transferred']);
    const before = nurse.media.stats(nurse.phone.mediaIdOf(nurseCallId)!)!.packetsReceived;
    await eventually(() => nurse.media.stats(nurse.phone.mediaIdOf(nurseCallId)!)!.packetsReceived > before + 5, 3000, 'audio from the caller at the nurse');
    await caller.phone.hangUp(callerCallId);
    await nurse.waitFor(isEnded(nurseCallId), 5000, 'caller hang-up at the nurse');
  });

  it('survives Kamailio being killed: reconnects and re-registers within 5 s of the restart, never two REGISTERs in flight', async () => {
    const agent = await phone('agent10');
    const colleague = await phone('agent12');
    const { callerCallId } = await connect(agent, colleague, '5d7d8a3e-1111-4c3b-9a55-000000000006');
    const registeredBefore = agent.events.filter(isRegistered).length;
    await lab.kill('SIGKILL');
    await agent.waitFor((e): e is Extract<typeof e, { type: 'status' }> => e.type === 'status' && e.status.registration === 'reconnecting', 5000, 'reconnecting');
    await new Promise((r) => setTimeout(r, 1500)); // down for a while: backoff grows
    const restartedAt = Date.now();
    await lab.start();
    await eventually(() => agent.events.filter(isRegistered).length > registeredBefore, 5000, 're-registration');
    expect(Date.now() - restartedAt).toBeLessThan(5000);
    expect(agent.phone.wire.maxRegistersInFlight).toBe(1);
    // The call in progress stayed on screen through the outage (its media re-negotiation is attempted).
    expect(agent.events.some(isEnded(callerCallId))).toBe(false);
    await agent.phone.hangUp(callerCallId);
    // And it takes calls again.
    const caller = await sipp(lab, { scenario: 'uac-call.xml', target: 'agent10', calls: 1, timeoutS: 20 });
    const incoming = await agent.waitForIncoming();
    await agent.phone.answer(incoming.callId);
    expect((await caller.done).exitCode).toBe(0);
  });

  it('stays up through malformed and unexpected SIP and still answers the next call', async () => {
    const agent = await phone('agent11');
    const answered: string[] = [];
    agent.phone.onEvent((event) => {
      if (event.type === 'incoming') void agent.phone.answer(event.call.callId).then(() => answered.push(event.call.callId), () => undefined);
    });
    const hostile = await sipp(lab, { scenario: 'malformed.xml', target: 'agent11', calls: 1, timeoutS: 40 });
    const result = await hostile.done;
    expect(result.exitCode, result.stderr.slice(-2000)).toBe(0);
    expect(answered.length).toBeGreaterThanOrEqual(1);
    expect(agent.phone.status.registration).toBe('registered');
    expect(agent.logLines.join('\n')).not.toMatch(/\+1617|sippuas|Signal=/);
  });
});
